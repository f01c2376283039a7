import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A server listening on 127.0.0.1, and how to stop it. */
export interface Loopback {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  close(): Promise<void>
}

/** Starts `server` on 127.0.0.1 and a free port, keeping idle connections open for the next request. */
export async function listenOnLoopback(server: Server): Promise<Loopback> {
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
