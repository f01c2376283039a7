// @davkit/testing is imported by path: it depends on @davkit/client, so a dependency back would be a cycle.
import { createDavServer, type DavServer, type DavServerOptions } from '../../../testing/src/index.ts'
import { createDavClient, type DavClient } from '../../src/index.ts'
import type { UploadPlan } from '../../src/files/upload/upload-mechanism.ts'
import type { ChunkSource } from '../../src/files/upload/chunk-source.ts'
import type { TransferProgress } from '@davkit/types'

export const ORIGIN = 'https://dav.test'

/**
 * What a test does to one request on its way: `pass` hands it to the server; `cut(n)` hands the
 * server only the first n body bytes and fails the request as a dropped connection would; `drop`
 * fails it before the server sees it; `lose`
 * lets the server answer and then fails the request (the answer never arrives).
 */
export type Interception = 'pass' | 'drop' | { readonly cut: number } | 'lose' | { readonly answer: (response: Response) => Response }

export interface UploadHarness {
  readonly server: DavServer
  readonly dav: DavClient
  /** Every request as sent: method, URL, headers, body size. */
  readonly sent: { method: string; url: string; headers: Headers; size: number }[]
  /** Decides, per request, what happens to it (`pass` unless set). */
  intercept: (request: Request, index: number) => Interception
  plan(path: string, source: ChunkSource, options?: Partial<UploadPlan>): UploadPlan & { progress: TransferProgress[] }
}

function dropped(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
}

/** A client wired to an in-memory server through its `fetch` option, with retries that do not wait. */
export function uploadHarness(serverOptions: DavServerOptions): UploadHarness {
  const server = createDavServer(serverOptions)
  const harness: UploadHarness = {
    server,
    dav: undefined as unknown as DavClient,
    sent: [],
    intercept: () => 'pass',
    plan(path, source, options = {}) {
      const progress: TransferProgress[] = []
      return {
        client: harness.dav,
        url: new URL(path, harness.dav.baseUrl),
        source,
        chunkSize: 1024,
        contentType: 'application/octet-stream',
        overwrite: true,
        signal: undefined,
        onProgress: (p) => progress.push(p),
        progress,
        ...options,
      }
    },
  }
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const body = new Uint8Array(await request.clone().arrayBuffer())
    const index = harness.sent.length
    harness.sent.push({ method: request.method, url: request.url, headers: request.headers, size: body.byteLength })
    if (new URL(request.url).origin !== ORIGIN) throw dropped()
    const what = harness.intercept(request, index)
    if (what === 'drop') throw dropped()
    if (typeof what === 'object' && 'cut' in what) {
      const cut = new Request(request.url, { method: request.method, headers: request.headers, body: body.slice(0, what.cut) })
      await server.handle(cut).catch(() => undefined)
      throw dropped()
    }
    const response = await server.handle(request)
    if (what === 'lose') throw dropped()
    if (typeof what === 'object') return what.answer(response)
    return response
  }
  Object.assign(harness, {
    dav: createDavClient({
      baseUrl: `${ORIGIN}${server.basePath}`,
      fetch,
      retry: { retries: 2, minDelayMs: 0, maxDelayMs: 0, jitter: false },
    }),
  })
  return harness
}
