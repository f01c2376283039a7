// @davkit/testing is imported by path: it depends on @davkit/client, so a dependency back would be a cycle.
import { createDavServer, type DavServer } from '../../../testing/src/index.ts'
import type { DavServerUploads } from '../../../testing/src/uploads/upload-options.ts'
import {
  createDavClient,
  createDavFiles,
  type DavClient,
  type DavClientOptions,
  type DavFiles,
  type RetryOptions,
} from '../../src/index.ts'

export const RETRY: RetryOptions = { retries: 3, minDelayMs: 0, maxDelayMs: 0, jitter: false }

export interface UploadSetup {
  readonly server: DavServer
  readonly dav: DavClient
  readonly files: DavFiles
  /** Every request as sent: method, headers, body length. */
  readonly sent: { method: string; headers: Headers; length: number }[]
  /**
   * Cuts the body of the `nth` request of `method` from now on (1: the next) after `afterBytes`
   * bytes, through the server's `cutRequestBody` fault: the connection drops, and the server keeps
   * what a server of its kind keeps (a ranged PUT what arrived, a plain PUT or a PATCH nothing).
   */
  cut(method: string, nth: number, afterBytes: number): void
}

/** A client wired to an in-memory server through its `fetch` option, every request logged. */
export function uploadSetup(
  uploads: DavServerUploads = {},
  retry: RetryOptions | false = RETRY,
  clientOptions: Partial<DavClientOptions> = {},
): UploadSetup {
  const server = createDavServer({ uploads })
  const sent: UploadSetup['sent'] = []
  const armed: { method: string; left: number; afterBytes: number }[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    if (request.signal.aborted) throw request.signal.reason
    const body = new Uint8Array(await request.clone().arrayBuffer())
    sent.push({ method: request.method, headers: request.headers, length: body.byteLength })
    for (const cut of armed) {
      if (cut.method === request.method && --cut.left === 0) server.faults.cutRequestBody(cut.afterBytes, { method: cut.method })
    }
    const bodiless = request.method === 'GET' || request.method === 'HEAD'
    return await server.handle(
      new Request(request.url, { method: request.method, headers: request.headers, ...(bodiless ? {} : { body }) }),
    )
  }
  const dav = createDavClient({ baseUrl: `https://dav.test${server.basePath}`, retry, ...clientOptions, fetch })
  const cut = (method: string, nth: number, afterBytes: number): void => {
    armed.push({ method, left: nth, afterBytes })
  }
  return { server, dav, files: createDavFiles(dav), sent, cut }
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
