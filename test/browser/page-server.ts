import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A file the page server answers GET with. */
export interface PageAsset {
  readonly contentType: string
  readonly body: string | Uint8Array
  /** Extra response headers (e.g. `Service-Worker-Allowed`). */
  readonly headers?: Readonly<Record<string, string>>
}

/** A request the page server received (anything the browser sent over the network). */
export interface ReceivedRequest {
  readonly method: string
  readonly path: string
}

/** A static server for test pages on 127.0.0.1. */
export interface PageServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  /** Every request received so far, in order. */
  readonly requests: readonly ReceivedRequest[]
  close(): Promise<void>
}

/**
 * Serves `assets` (by URL path, GET and HEAD only) on 127.0.0.1 and a free port; anything else
 * gets 404 (or 405 for other methods). Nothing is cached. Records every request it receives, so a
 * test can tell what reached the network and what a service worker answered.
 */
export async function startPageServer(assets: Readonly<Record<string, PageAsset>>): Promise<PageServer> {
  const requests: ReceivedRequest[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const method = request.method ?? 'GET'
    requests.push({ method, path })
    request.resume()
    const asset = assets[path]
    if (asset === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(`no ${path} here`)
      return
    }
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store' }).end()
      return
    }
    response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'no-store', ...asset.headers })
    response.end(method === 'HEAD' ? undefined : asset.body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
