import type { Server as HttpServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import { createServer, type AddressInfo, type Server } from 'node:net'

/** Starts `server` on a free port of 127.0.0.1 and resolves to that port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** Stops `server`, ending the connections it keeps alive first so that closing does not wait on them. */
export async function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/** A port of 127.0.0.1 that was just free: listened on, then closed, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  const port = await listenOnLoopback(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
