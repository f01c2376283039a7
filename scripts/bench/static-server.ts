import { createServer } from 'node:http'
import { listenOnLoopback } from './loopback.ts'

/** A loopback server answering every request with the same 207 body. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  /** Requests answered so far. */
  readonly requests: () => number
  close(): Promise<void>
}

/**
 * Serves `body` as a `207 Multi-Status` (`text/xml; charset="utf-8"`, as Apache labels it) to any
 * method on any path, on 127.0.0.1 and a free port, so that every client receives identical bytes.
 * Request bodies are read and discarded.
 */
export async function startStaticServer(body: string): Promise<StaticServer> {
  const bytes = Buffer.from(body, 'utf8')
  let count = 0
  const server = createServer((request, response) => {
    request.resume()
    request.once('end', () => {
      count++
      response.writeHead(207, 'Multi-Status', {
        'content-type': 'text/xml; charset="utf-8"',
        'content-length': String(bytes.byteLength),
      })
      response.end(bytes)
    })
  })
  return { ...(await listenOnLoopback(server)), requests: () => count }
}
