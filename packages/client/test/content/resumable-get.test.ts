import type { TransferProgress } from '@davkit/types'
import { setupServer } from 'msw/node'
import { describe, expect, test } from 'vitest'
import { createDavServer, davHandlers, type DavServer } from '../../../testing/src/index.ts'
import { listen } from '../../../testing/src/node/index.ts'
import {
  ContentChangedError,
  createDavClient,
  InvalidRequestError,
  RequestAbortedError,
  TransportError,
  type DavClient,
  type DavClientOptions,
} from '../../src/index.ts'
import { handleAbortably } from './fake-server.ts'

const ORIGIN = 'https://dav.test'
const SIZE = 300_000
const original = Uint8Array.from({ length: SIZE }, (_, index) => (index * 31 + 7) % 256)
const changed = Uint8Array.from({ length: SIZE + 10 }, (_, index) => (index * 17 + 1) % 256)

/** Rewrites an answer on its way to the client (a server that strips headers, ignores Range...). */
type Rewrite = (request: Request, response: Response) => Response | Promise<Response>

interface Setup {
  readonly server: DavServer
  readonly dav: DavClient
  /** GET requests as sent: their Range and If-Range. */
  readonly gets: { range: string | null; ifRange: string | null }[]
}

function setup(rewrite?: Rewrite, clientOptions: Partial<DavClientOptions> = {}): Setup {
  const server = createDavServer({ seed: { 'big.bin': original } })
  const gets: Setup['gets'] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    if (request.method === 'GET') gets.push({ range: request.headers.get('range'), ifRange: request.headers.get('if-range') })
    const answered = await handleAbortably(server, request)
    return rewrite === undefined ? answered : await rewrite(request, answered)
  }
  const dav = createDavClient({
    baseUrl: `${ORIGIN}/`,
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5, jitter: false },
    ...clientOptions,
    fetch,
  })
  return { server, dav, gets }
}

/** The same answer with some headers changed (`undefined` removes one). */
function withHeaders(response: Response, changes: Record<string, string | undefined>): Response {
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) headers.delete(name)
    else headers.set(name, value)
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; failure: unknown }> {
  const chunks: Uint8Array[] = []
  let failure: unknown
  try {
    for await (const chunk of stream) chunks.push(chunk)
  } catch (error) {
    failure = error
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), failure }
}

async function streamOf(dav: DavClient, options: Parameters<DavClient['get']>[1] = {}) {
  const got = await dav.get('big.bin', { ...options, as: 'stream', resume: true })
  if (got.kind !== 'full' && got.kind !== 'partial') throw new Error(`unexpected ${got.kind}`)
  return got
}

describe('resumed GET as a stream', () => {
  test.each([0, 1, 65_536, SIZE - 1])('a cut after %i bytes is continued with Range and If-Range, byte for byte', async (cut) => {
    const { server, dav, gets } = setup()
    const etag = server.read('/big.bin')?.etag
    server.faults.cutResponseBody(cut, { method: 'GET' })
    const got = await streamOf(dav)
    expect(got.resumability).toEqual({ resumable: true, validator: { kind: 'etag', value: etag } })
    const { bytes, failure } = await drain(got.data)
    expect(failure).toBeUndefined()
    expect(bytes).toEqual(original)
    expect(gets).toEqual([
      { range: null, ifRange: null },
      { range: `bytes=${cut}-`, ifRange: etag },
    ])
  })

  test('several cuts in one download: each continues where the last stopped', async () => {
    const { server, dav, gets } = setup(undefined, { retry: { retries: 0 } })
    server.faults.cutResponseBody(70_000, { method: 'GET', times: 4 })
    const { bytes, failure } = await drain((await streamOf(dav)).data)
    expect(failure).toBeUndefined()
    expect(bytes).toEqual(original)
    // Progress between cuts does not use up the budget (0 here).
    expect(gets.map((get) => get.range)).toEqual([null, 'bytes=70000-', 'bytes=140000-', 'bytes=210000-', 'bytes=280000-'])
  })

  test('a file changed between the cut and the resume fails typed, never spliced', async () => {
    const { server, dav } = setup()
    const before = server.read('/big.bin')?.etag
    server.faults.cutResponseBody(100_000, { method: 'GET' }).changeContent('/big.bin', changed, { method: 'GET' })
    const { bytes, failure } = await drain((await streamOf(dav)).data)
    expect(bytes).toEqual(original.slice(0, 100_000))
    expect(failure).toBeInstanceOf(ContentChangedError)
    const error = failure as ContentChangedError
    expect(error).toMatchObject({
      code: 'content-changed',
      reason: 'changed',
      expected: { kind: 'etag', value: before },
      found: server.read('/big.bin')?.etag,
      delivered: 100_000,
      status: 200,
    })
    expect(error.request.url).toBe(`${ORIGIN}/big.bin`)
    expect(error.message).toContain('100000 bytes')
  })

  test('a server that ignores Range on the resume (a 200 under the same tag) is not spliced', async () => {
    const server = createDavServer({ seed: { 'big.bin': original } })
    // The same file, whole, whatever Range says.
    const ignoring = setup(async (request, response) => (request.headers.has('range') ? server.handle(new Request(request.url)) : response))
    ignoring.server.faults.cutResponseBody(1000, { method: 'GET' })
    const { bytes, failure } = await drain((await streamOf(ignoring.dav)).data)
    expect(bytes).toEqual(original.slice(0, 1000))
    expect(failure).toMatchObject({ code: 'content-changed', reason: 'range-ignored', status: 200, delivered: 1000 })
  })

  test('a 416 or a 206 that does not start where delivery stopped is not spliced', async () => {
    const answers: [() => Response, string][] = [
      [() => new Response('', { status: 416, headers: { 'Content-Range': `bytes */${SIZE}` } }), 'range-not-satisfiable'],
      [
        () => new Response(original.slice(10), { status: 206, headers: { 'Content-Range': `bytes 10-${SIZE - 1}/${SIZE}` } }),
        'range-mismatch',
      ],
      [
        () => new Response(original.slice(5000), { status: 206, headers: { 'Content-Range': `bytes 5000-${SIZE - 1}/${SIZE + 1}` } }),
        'changed',
      ],
    ]
    for (const [answer, reason] of answers) {
      const { server, dav } = setup((request, response) => (request.headers.has('range') ? answer() : response))
      server.faults.cutResponseBody(5000, { method: 'GET' })
      const { bytes, failure } = await drain((await streamOf(dav)).data)
      expect(bytes).toEqual(original.slice(0, 5000))
      expect(failure).toMatchObject({ code: 'content-changed', reason })
    }
  })

  test('only a weak ETag: not resumable, and a cut fails as the transport error it is', async () => {
    const { server, dav, gets } = setup((_, response) =>
      withHeaders(response, { etag: `W/${response.headers.get('etag') ?? '""'}`, date: new Date(Date.now() + 60_000).toUTCString() }),
    )
    server.faults.cutResponseBody(5000, { method: 'GET' })
    const got = await streamOf(dav)
    // With an entity tag, a date may not stand in for it (RFC 9110 section 13.1.5).
    expect(got.resumability).toEqual({ resumable: false, reason: 'weak-etag' })
    const { failure } = await drain(got.data)
    expect(failure).toBeInstanceOf(TransportError)
    expect(gets).toHaveLength(1)
  })

  test('no validator: not resumable', async () => {
    const { server, dav, gets } = setup((_, response) => withHeaders(response, { etag: undefined, 'last-modified': undefined }))
    server.faults.cutResponseBody(5000, { method: 'GET' })
    const got = await streamOf(dav)
    expect(got.resumability).toEqual({ resumable: false, reason: 'no-validator' })
    expect((await drain(got.data)).failure).toBeInstanceOf(TransportError)
    expect(gets).toHaveLength(1)
  })

  test('Last-Modified resumes only when the answer is dated at least a second later', async () => {
    const later = (date: string | null): string => new Date(Date.parse(date ?? '') + 5000).toUTCString()
    const strong = setup((_, response) => withHeaders(response, { etag: undefined, date: later(response.headers.get('last-modified')) }))
    const modified = strong.server.read('/big.bin')?.modified.toUTCString()
    strong.server.faults.cutResponseBody(5000, { method: 'GET' })
    const got = await streamOf(strong.dav)
    expect(got.resumability).toEqual({ resumable: true, validator: { kind: 'last-modified', value: modified } })
    expect((await drain(got.data)).bytes).toEqual(original)
    expect(strong.gets[1]).toEqual({ range: 'bytes=5000-', ifRange: modified })

    const same = setup((_, response) => withHeaders(response, { etag: undefined, date: response.headers.get('last-modified') ?? '' }))
    expect((await streamOf(same.dav)).resumability).toEqual({ resumable: false, reason: 'weak-last-modified' })
    const undated = setup((_, response) => withHeaders(response, { etag: undefined, date: undefined }))
    expect((await streamOf(undated.dav)).resumability).toEqual({ resumable: false, reason: 'weak-last-modified' })
  })

  test('a compressed answer is not resumable; identity is asked for', async () => {
    const { dav } = setup((_, response) => withHeaders(response, { 'content-encoding': 'gzip' }))
    const got = await dav.get('big.bin', { as: 'stream', resume: true })
    if (got.kind !== 'full') throw new Error(got.kind)
    expect(got.resumability).toEqual({ resumable: false, reason: 'encoded' })
    await got.data.cancel()
    const plain = setup()
    await (await streamOf(plain.dav)).data.cancel()
    // (the header itself is checked on the request the fake received)
    expect(plain.server.journal.last()?.headers['accept-encoding']).toBe('identity')
  })

  test('a continued range: the rest of the range asked for, not of the file', async () => {
    const { server, dav, gets } = setup()
    server.faults.cutResponseBody(1000, { method: 'GET' })
    const got = await dav.get('big.bin', { as: 'stream', resume: true, range: { start: 5000, end: 9999 } })
    if (got.kind !== 'partial') throw new Error(got.kind)
    expect((await drain(got.data)).bytes).toEqual(original.slice(5000, 10_000))
    expect(gets.map((get) => get.range)).toEqual(['bytes=5000-9999', 'bytes=6000-9999'])
  })

  test('resume attempts without progress use the retry budget; a failed one waits and tries again', async () => {
    const ok = setup(undefined, { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false } })
    ok.server.faults.cutResponseBody(1000, { method: 'GET' })
    const first = await streamOf(ok.dav)
    ok.server.faults.networkError({ method: 'GET', times: 2 })
    expect((await drain(first.data)).bytes).toEqual(original)
    expect(ok.gets.map((get) => get.range)).toEqual([null, 'bytes=1000-', 'bytes=1000-', 'bytes=1000-'])

    const spent = setup(undefined, { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false } })
    spent.server.faults.cutResponseBody(1000, { method: 'GET' })
    const got = await streamOf(spent.dav)
    spent.server.faults.networkError({ method: 'GET', times: 3 })
    const { bytes, failure } = await drain(got.data)
    expect(bytes.byteLength).toBe(1000)
    expect(failure).toBeInstanceOf(TransportError)
    expect(spent.gets).toHaveLength(4)
  })

  test('an abort during the wait between resume attempts stops at once', async () => {
    const { server, dav } = setup(undefined, { retry: { retries: 5, minDelayMs: 60_000, maxDelayMs: 60_000, jitter: false } })
    const controller = new AbortController()
    server.faults.cutResponseBody(1000, { method: 'GET' })
    const got = await dav.get('big.bin', { as: 'stream', resume: true, signal: controller.signal })
    if (got.kind !== 'full') throw new Error(got.kind)
    server.faults.networkError({ method: 'GET' })
    const reader = got.data.getReader()
    expect((await reader.read()).value?.byteLength).toBe(1000)
    const next = reader.read()
    setTimeout(() => controller.abort(new Error('user gave up')), 20)
    // The back-off is a minute; the abort settles the read long before.
    await expect(next).rejects.toBeInstanceOf(RequestAbortedError)
  }, 5000)

  test('a stalled body is given up after the timeout and continued', async () => {
    const { server, dav, gets } = setup(
      (request, response) => {
        if (request.headers.has('range') || response.body === null) return response
        // The first answer sends 2000 bytes, then nothing: the wait outlasts the timeout.
        const head = original.slice(0, 2000)
        let sent = false
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (!sent) controller.enqueue(head)
            sent = true
            return new Promise<void>(() => {})
          },
        })
        return new Response(body, { status: response.status, headers: response.headers })
      },
      { timeoutMs: 150 },
    )
    const { bytes, failure } = await drain((await streamOf(dav)).data)
    expect(failure).toBeUndefined()
    expect(bytes).toEqual(original)
    expect(gets.map((get) => get.range)).toEqual([null, 'bytes=2000-'])
    void server
  })

  test('progress counts each delivered byte once and never goes back', async () => {
    const { server, dav } = setup()
    server.faults.cutResponseBody(50_000, { method: 'GET', times: 3 })
    const reports: TransferProgress[] = []
    const got = await dav.get('big.bin', { as: 'stream', resume: true, onProgress: (p) => reports.push(p) })
    if (got.kind !== 'full') throw new Error(got.kind)
    const { bytes } = await drain(got.data)
    expect(bytes).toEqual(original)
    const loaded = reports.map((report) => report.loaded)
    for (let index = 1; index < loaded.length; index++) expect(loaded[index]).toBeGreaterThan(loaded[index - 1] ?? 0)
    expect(loaded.at(-1)).toBe(SIZE)
    expect(reports.every((report) => report.total === SIZE)).toBe(true)
  })

  test('onChange restart is refused for a stream', async () => {
    const { dav } = setup()
    // @ts-expect-error a stream cannot restart
    const refused = dav.get('big.bin', { as: 'stream', resume: { onChange: 'restart' } })
    await expect(refused).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.get('big.bin', { resume: { retries: -1 } })).rejects.toBeInstanceOf(InvalidRequestError)
  })
})

describe('resumed GET read whole', () => {
  test('bytes and text continue across cuts', async () => {
    const { server, dav } = setup()
    server.faults.cutResponseBody(64_000, { method: 'GET', times: 2 })
    const got = await dav.get('big.bin', { resume: true })
    expect(got.kind === 'full' && got.data).toEqual(original)
    server.seed({ 'a.txt': 'héllo wörld' })
    server.faults.cutResponseBody(3, { method: 'GET' })
    const text = await dav.get('a.txt', { as: 'text', resume: true })
    expect(text.kind === 'full' && text.data).toBe('héllo wörld')
  })

  test("a change with onChange 'restart' reads the new version whole, and progress says so", async () => {
    const { server, dav } = setup()
    server.faults.cutResponseBody(100_000, { method: 'GET' }).changeContent('/big.bin', changed, { method: 'GET' })
    const reports: number[] = []
    const got = await dav.get('big.bin', { resume: { onChange: 'restart' }, onProgress: (p) => reports.push(p.loaded) })
    if (got.kind !== 'full') throw new Error(got.kind)
    expect(got.data).toEqual(changed)
    expect(got.etag).toBe(server.read('/big.bin')?.etag)
    const drops = reports.filter((loaded, index) => index > 0 && loaded < (reports[index - 1] ?? 0))
    expect(drops).toEqual([0])
    expect(reports.at(-1)).toBe(changed.byteLength)
  })

  test('a change with the default onChange rejects typed', async () => {
    const { server, dav } = setup()
    server.faults.cutResponseBody(10, { method: 'GET' }).changeContent('/big.bin', changed, { method: 'GET' })
    await expect(dav.get('big.bin', { resume: true })).rejects.toBeInstanceOf(ContentChangedError)
  })

  test('a body that cannot be resumed is read again from its start, as a plain retry would', async () => {
    const { server, dav, gets } = setup((_, response) => withHeaders(response, { etag: undefined, 'last-modified': undefined }))
    server.faults.cutResponseBody(5000, { method: 'GET' })
    const got = await dav.get('big.bin', { resume: true })
    expect(got.kind === 'full' && got.data).toEqual(original)
    expect(got).toMatchObject({ resumability: { resumable: false, reason: 'no-validator' } })
    expect(gets).toEqual([
      { range: null, ifRange: null },
      { range: null, ifRange: null },
    ])
  })

  test('starting over is bounded by the retries, as a plain GET is: progress that is thrown away does not count', async () => {
    const { server, dav, gets } = setup((_, response) => withHeaders(response, { etag: undefined, 'last-modified': undefined }))
    server.faults.cutResponseBody(5000, { method: 'GET', times: Infinity })
    await expect(dav.get('big.bin', { resume: true })).rejects.toBeInstanceOf(TransportError)
    // The first read and three more, the client's retries.
    expect(gets).toHaveLength(4)
  })

  test('a server ignoring Range restarts from its 200, whole', async () => {
    const server = createDavServer({ seed: { 'big.bin': original } })
    const ignoring = setup(async (request, response) => (request.headers.has('range') ? server.handle(new Request(request.url)) : response))
    ignoring.server.faults.cutResponseBody(1000, { method: 'GET' })
    const got = await ignoring.dav.get('big.bin', { resume: { onChange: 'restart' } })
    expect(got.kind === 'full' && got.data).toEqual(original)
  })
})

describe('memory of a resumed stream', () => {
  /** Rechunks every answer into 16 KiB pieces and counts what the client pulled from the network. */
  function chunked(counter: { pulled: number }): Rewrite {
    return (_, response) => {
      if (response.body === null) return response
      const reader = response.body.getReader()
      let rest: Uint8Array | undefined
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (rest === undefined || rest.byteLength === 0) {
              const next = await reader.read()
              if (next.done) {
                controller.close()
                return
              }
              rest = next.value
            }
            const piece = rest.subarray(0, 16_384)
            rest = rest.subarray(piece.byteLength)
            counter.pulled += piece.byteLength
            controller.enqueue(piece)
          },
          cancel: (reason) => reader.cancel(reason),
        },
        { highWaterMark: 0 },
      )
      return new Response(body, { status: response.status, headers: response.headers })
    }
  }

  /** The most bytes pulled from the network and not yet read by a consumer that reads slowly. */
  async function aheadOfReader(size: number): Promise<number> {
    const counter = { pulled: 0 }
    const { server, dav } = setup(chunked(counter))
    server.seed({ 'big.bin': new Uint8Array(size) })
    server.faults.cutResponseBody(Math.floor(size / 3), { method: 'GET', times: 2 })
    const got = await dav.get('big.bin', { as: 'stream', resume: true })
    if (got.kind !== 'full') throw new Error(got.kind)
    let read = 0
    let most = 0
    for await (const chunk of got.data) {
      read += chunk.byteLength
      most = Math.max(most, counter.pulled - read)
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    expect(read).toBe(size)
    return most
  }

  test('nothing is read ahead of the consumer, however large the file', async () => {
    const small = await aheadOfReader(256 * 1024)
    const large = await aheadOfReader(4 * 1024 * 1024)
    // Sixteen times the file, not a byte more held: what is ahead is at most one piece, in both.
    expect(large).toBeLessThanOrEqual(16_384)
    expect(large / Math.max(small, 1)).toBeLessThanOrEqual(1)
  })
})

describe('resumed GET through msw and over real sockets', () => {
  test('a cut answer from davHandlers is continued', async () => {
    const server = createDavServer({ seed: { 'big.bin': original } })
    const mock = setupServer(...davHandlers(server, 'https://msw.test'))
    mock.listen({ onUnhandledFrame: 'error' })
    try {
      server.faults.cutResponseBody(100_000, { method: 'GET', times: 2 })
      const dav = createDavClient({ baseUrl: 'https://msw.test/', retry: { retries: 1, minDelayMs: 1 } })
      const got = await dav.get('big.bin', { as: 'stream', resume: true })
      if (got.kind !== 'full') throw new Error(got.kind)
      expect((await drain(got.data)).bytes).toEqual(original)
      expect(server.journal.filter({ method: 'GET' }).map((entry) => entry.headers['range'])).toEqual([
        undefined,
        'bytes=100000-',
        'bytes=200000-',
      ])
    } finally {
      mock.close()
    }
  })

  test('a socket destroyed mid-body by the Node adapter is continued', async () => {
    const server = createDavServer({ seed: { 'big.bin': original } })
    const http = await listen(server)
    try {
      server.faults.cutResponseBody(123_456, { method: 'GET' })
      const dav = createDavClient({ baseUrl: http.url, retry: { retries: 1, minDelayMs: 1 } })
      const got = await dav.get('big.bin', { as: 'stream', resume: true })
      if (got.kind !== 'full') throw new Error(got.kind)
      expect((await drain(got.data)).bytes).toEqual(original)
      expect(server.journal.filter({ method: 'GET' }).map((entry) => entry.headers['range'])).toEqual([undefined, 'bytes=123456-'])
    } finally {
      await http.close()
    }
  })
})
