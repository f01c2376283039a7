import { createServer } from 'node:http'
import { listingPieces } from './listing-body.ts'
import { listenOnLoopback } from './loopback.ts'

/** A loopback server that generates a listing as it sends it. */
export interface StreamingServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  /** The size of the body each request gets, in bytes. */
  readonly bodyBytes: number
  close(): Promise<void>
}

// Responses written per chunk: about 64 KB, as a server's socket buffer holds.
const RESPONSES_PER_CHUNK = 96

/**
 * Serves the `entries`-entry listing of `listing-body.ts` as a chunked `207 Multi-Status`, made
 * while it is sent and written only as fast as the client reads it, so that a listing far larger
 * than memory (10^6 entries is about 670 MB) costs the server nothing to hold.
 */
export async function startStreamingServer(entries: number): Promise<StreamingServer> {
  let bodyBytes = 0
  for (const piece of listingPieces(entries)) bodyBytes += Buffer.byteLength(piece)
  const server = createServer((request, response) => {
    request.resume()
    request.once('end', () => {
      response.writeHead(207, 'Multi-Status', { 'content-type': 'text/xml; charset="utf-8"' })
      const pieces = listingPieces(entries)
      const pump = (): void => {
        for (;;) {
          let chunk = ''
          for (let count = 0; count < RESPONSES_PER_CHUNK; count++) {
            const next = pieces.next()
            if (next.done === true) {
              response.end(chunk)
              return
            }
            chunk += next.value
          }
          if (!response.write(chunk)) {
            response.once('drain', pump)
            return
          }
        }
      }
      response.once('close', () => pieces.return())
      pump()
    })
  })
  return { ...(await listenOnLoopback(server)), bodyBytes }
}
