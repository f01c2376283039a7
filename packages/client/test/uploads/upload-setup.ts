// @davkit/testing is imported by path: it depends on @davkit/client, so a dependency back would be a cycle.
import { createDavServer, type DavServer } from '../../../testing/src/index.ts'
import type { DavServerUploads } from '../../../testing/src/uploads/upload-options.ts'
import { createDavClient, createDavFiles, type DavClient, type DavFiles, type RetryOptions } from '../../src/index.ts'

export const RETRY: RetryOptions = { retries: 3, minDelayMs: 0, maxDelayMs: 0, jitter: false }

/** A request body cut after `afterBytes` bytes: the connection fails, and the server keeps what a server of that kind keeps. */
export interface Cut {
  readonly method: string
  /** Which matching request to cut (1: the first). */
  readonly nth: number
  readonly afterBytes: number
}

export interface UploadSetup {
  readonly server: DavServer
  readonly dav: DavClient
  readonly files: DavFiles
  /** Every request as sent: method, headers, body length. */
  readonly sent: { method: string; headers: Headers; length: number }[]
  /** Cuts to make, consumed in order. */
  readonly cuts: Cut[]
}

/**
 * A client wired to an in-memory server through its `fetch` option, which can cut request bodies
 * as a dropped connection would: what arrived of a ranged `PUT` is written (Apache streams it into
 * the file), a cut plain `PUT` or `PATCH` is dropped whole (Apache writes a plain `PUT` to a
 * temporary file; PHP reads a body whole before SabreDAV sees it), then `fetch` fails.
 */
export function uploadSetup(uploads: DavServerUploads = {}, retry: RetryOptions | false = RETRY): UploadSetup {
  const server = createDavServer({ uploads })
  const sent: UploadSetup['sent'] = []
  const cuts: Cut[] = []
  const seen = new Map<string, number>()
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    if (request.signal.aborted) throw request.signal.reason
    const body = new Uint8Array(await request.clone().arrayBuffer())
    sent.push({ method: request.method, headers: request.headers, length: body.byteLength })
    const count = (seen.get(request.method) ?? 0) + 1
    seen.set(request.method, count)
    const cut = cuts[0]
    if (cut !== undefined && cut.method === request.method && cut.nth === count) {
      cuts.shift()
      if (request.headers.has('content-range')) {
        await server.handle(new Request(request.url, { method: 'PUT', headers: request.headers, body: body.slice(0, cut.afterBytes) }))
      }
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
    }
    if (request.signal.aborted) throw request.signal.reason
    const bodiless = request.method === 'GET' || request.method === 'HEAD'
    return await server.handle(
      new Request(request.url, { method: request.method, headers: request.headers, ...(bodiless ? {} : { body }) }),
    )
  }
  const dav = createDavClient({ baseUrl: `https://dav.test${server.basePath}`, retry, fetch })
  return { server, dav, files: createDavFiles(dav), sent, cuts }
}

/** Bytes 0..n-1 in a pattern that shows any misplaced byte. */
export function pattern(n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >>> 8)) & 0xff
  return out
}

/** A stream of `bytes` in pieces, pulled one at a time; `pulled` counts what was taken. */
export function streamOf(bytes: Uint8Array, piece = 1000, onPull?: (pulled: number) => void): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream(
    {
      pull(controller) {
        if (at >= bytes.byteLength) return controller.close()
        controller.enqueue(bytes.slice(at, at + piece))
        at = Math.min(at + piece, bytes.byteLength)
        onPull?.(at)
      },
    },
    { highWaterMark: 0 },
  )
}
