// propfindEach over real sockets: a Node HTTP server on 127.0.0.1 that streams a listing in
// pieces, breaks it, stalls, or stops early, so the failures are the ones a real network gives.
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  HttpStatusError,
  RequestAbortedError,
  RequestTimeoutError,
  TransportError,
  UndecodableResponseError,
  createDavClient,
  davProps,
} from '../../src/index.ts'

/** How the server answers the next PROPFIND. */
interface Plan {
  /** Members listed (the collection itself comes first). */
  entries: number
  /** Responses written per chunk. */
  perChunk?: number
  /** What happens after `after` responses: the body goes on, is cut, turns malformed, stalls, or the status is 404. */
  fault?: 'cut' | 'malformed' | 'stall' | '404'
  after?: number
  /** Added to every ETag: characters of several UTF-8 bytes, to be split between reads. */
  etagText?: string
}

let plan: Plan = { entries: 0 }
let server: Server
let base = ''
/** Whether the last answer was closed before its body was complete. */
let closedEarly: Promise<boolean> = Promise.resolve(false)
let written = 0

function entry(index: number, etagText = ''): string {
  const href = index === 0 ? '/dav/' : `/dav/file-${index}.txt`
  const size = index === 0 ? '' : `<D:getcontentlength>${index}</D:getcontentlength>`
  return (
    `<D:response><D:href>${href}</D:href><D:propstat><D:prop>${size}<D:getetag>"${etagText}${index}"</D:getetag></D:prop>` +
    '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n'
  )
}

async function stream(response: ServerResponse, current: Plan): Promise<void> {
  response.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8' })
  response.write('<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">\n')
  const perChunk = current.perChunk ?? 50
  for (let index = 0; index <= current.entries; index += perChunk) {
    if (response.destroyed) return
    let chunk = ''
    for (let i = index; i < Math.min(index + perChunk, current.entries + 1); i++) {
      if (current.fault !== undefined && i === current.after) {
        if (current.fault === 'malformed') chunk += '<D:response><D:href>/dav/broken</D:wrong></D:response>\n'
        response.write(chunk)
        if (current.fault === 'cut') response.socket?.destroy()
        if (current.fault === 'malformed') response.end('</D:multistatus>')
        return // 'stall': nothing more is ever written
      }
      chunk += entry(i, current.etagText)
      written++
    }
    // Waits for the client to take the chunk, so that a client that stops reading stops the server.
    if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve))
    await new Promise((resolve) => setImmediate(resolve))
  }
  response.end('</D:multistatus>\n')
}

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    const current = plan
    if (current.fault === '404') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such collection')
      return
    }
    closedEarly = new Promise((resolve) => response.once('close', () => resolve(!response.writableFinished)))
    void stream(response, current)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dav/`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})
beforeEach(() => {
  written = 0
})

const props = { size: davProps.getcontentlength, etag: davProps.getetag } as const

async function collect<T>(iterable: AsyncIterable<T>, onEach?: (item: T) => void): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = []
  try {
    for await (const item of iterable) {
      items.push(item)
      onEach?.(item)
    }
    return { items, error: undefined }
  } catch (error) {
    return { items, error }
  }
}

describe('propfindEach', () => {
  test('hands out every entry, typed, the same as propfind', async () => {
    plan = { entries: 1_000, perChunk: 37 }
    const dav = createDavClient({ baseUrl: base })
    const { items, error } = await collect(dav.propfindEach('', { depth: 1, props }))
    expect(error).toBeUndefined()
    const whole = await dav.propfind('', { depth: 1, props })
    expect(items).toEqual(whole.responses)
    expect(items).toHaveLength(1_001)
    const last = items[1_000]
    expect(last?.kind === 'resource' && last.props.size.kind === 'value' ? last.props.size.value : undefined).toBe(1_000)
  })

  test('characters of several bytes come out whole wherever the body is split', async () => {
    // One write of the whole listing: the client reads it in chunks of tens of KB and decodes
    // each in small pieces, so many of these characters straddle a piece's end.
    const etagText = 'r\u00e9sum\u00e9 \u20ac \u{1f600} '
    plan = { entries: 2_000, perChunk: 2_001, etagText }
    const { items, error } = await collect(createDavClient({ baseUrl: base }).propfindEach('', { depth: 1, props }))
    expect(error).toBeUndefined()
    expect(items).toHaveLength(2_001)
    const etags = items.map((item) =>
      item.kind === 'resource' && item.props.etag.kind === 'value' ? item.props.etag.value.raw : undefined,
    )
    expect(etags).toEqual(items.map((_, index) => `"${etagText}${index}"`))
  })

  test('break cancels the body: the server sees the connection closed before it finished', async () => {
    plan = { entries: 100_000, perChunk: 100 }
    const dav = createDavClient({ baseUrl: base })
    let seen = 0
    for await (const _ of dav.propfindEach('', { depth: 1, props })) {
      if (++seen === 10) break
    }
    expect(seen).toBe(10)
    expect(await closedEarly).toBe(true)
    // The server stopped writing long before the end of the listing.
    expect(written).toBeLessThan(50_000)
  })

  test('a body cut mid-way rejects with a TransportError, after the entries that arrived', async () => {
    plan = { entries: 500, perChunk: 20, fault: 'cut', after: 300 }
    const { items, error } = await collect(createDavClient({ baseUrl: base }).propfindEach('', { depth: 1, props }))
    expect(error).toBeInstanceOf(TransportError)
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThanOrEqual(300)
    expect(items.map((item) => (item.kind === 'resource' ? item.href.path : ''))).toEqual(
      items.map((_, i) => (i === 0 ? '/dav/' : `/dav/file-${i}.txt`)),
    )
  })

  test('malformed XML mid-way rejects with the line where it is, after the entries before it', async () => {
    plan = { entries: 500, perChunk: 20, fault: 'malformed', after: 250 }
    const { items, error } = await collect(createDavClient({ baseUrl: base }).propfindEach('', { depth: 1, props }))
    expect(error).toBeInstanceOf(UndecodableResponseError)
    const failure = (error as UndecodableResponseError).failure
    // Line 1 is the declaration, line 2 the root, then one response per line.
    expect(failure).toMatchObject({ code: 'malformed-xml', line: 2 + 250 + 1 })
    expect(items).toHaveLength(250)
  })

  test('a server that stalls mid-body: a RequestTimeoutError once no data came for timeoutMs', async () => {
    plan = { entries: 500, perChunk: 20, fault: 'stall', after: 100 }
    const started = performance.now()
    const { items, error } = await collect(createDavClient({ baseUrl: base, timeoutMs: 300 }).propfindEach('', { depth: 1, props }))
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect(items.length).toBeGreaterThan(0)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  test('the time spent with the entries does not count against the timeout', async () => {
    plan = { entries: 40, perChunk: 10 }
    const { items, error } = await collect(createDavClient({ baseUrl: base, timeoutMs: 200 }).propfindEach('', { depth: 1, props }), () => {
      const until = performance.now() + 10
      while (performance.now() < until) {
        // Busy with each entry for 10 ms: 41 entries take longer than the timeout.
      }
    })
    expect(error).toBeUndefined()
    expect(items).toHaveLength(41)
  })

  test('an abort mid-iteration rejects with RequestAbortedError', async () => {
    plan = { entries: 100_000, perChunk: 100 }
    const controller = new AbortController()
    const { items, error } = await collect(
      createDavClient({ baseUrl: base }).propfindEach('', { depth: 1, props, signal: controller.signal }),
      () => {
        if (!controller.signal.aborted) controller.abort()
      },
    )
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(items.length).toBeLessThan(100_001)
  })

  test('a status other than 2xx rejects before any entry', async () => {
    plan = { entries: 0, fault: '404' }
    const { items, error } = await collect(createDavClient({ baseUrl: base }).propfindEach('', { depth: 1, props }))
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).status).toBe(404)
    expect(items).toEqual([])
  })

  test('the limits apply while streaming: maxBytes stops the body once it is exceeded', async () => {
    plan = { entries: 10_000, perChunk: 100 }
    const { items, error } = await collect(createDavClient({ baseUrl: base }).propfindEach('', { depth: 1, props, maxBytes: 20_000 }))
    expect(error).toBeInstanceOf(UndecodableResponseError)
    expect((error as UndecodableResponseError).failure).toMatchObject({ code: 'too-large', limit: 20_000 })
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThan(200)
  })

  test('sends nothing until iteration starts', async () => {
    plan = { entries: 3 }
    let requests = 0
    const dav = createDavClient({
      baseUrl: base,
      fetch: (input, init) => {
        requests++
        return fetch(input, init)
      },
    })
    const listing = dav.propfindEach('', { depth: 1, props })
    expect(requests).toBe(0)
    expect((await collect(listing)).items).toHaveLength(4)
    expect(requests).toBe(1)
  })
})
