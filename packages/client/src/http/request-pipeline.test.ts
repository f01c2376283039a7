import { HttpHandler, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { CrossOriginError } from '../errors/cross-origin-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import { REDACTED } from './redact.ts'
import { uploadProgress } from './upload-progress.ts'
import { createRequestPipeline } from './request-pipeline.ts'
import { hasStreamBody } from '../../test/content/streamed-request.ts'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const BASE = 'https://dav.example/remote.php/dav/files/alice'
const noRetry = { retry: false } as const

describe('request pipeline', () => {
  test('sends the method, encoded URL, default headers and Basic auth', async () => {
    let seen: Request | undefined
    server.use(
      new HttpHandler('PROPFIND', `${BASE}/My%20Docs/`, ({ request }) => {
        seen = request.clone()
        return new HttpResponse('<x/>', { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      auth: { username: 'alice', password: 'pässword' },
      headers: { 'X-Client': 'davkit' },
      ...noRetry,
    })
    const response = await pipeline.send({
      method: 'PROPFIND',
      url: new URL('My%20Docs/', pipeline.baseUrl),
      headers: { Depth: '1' },
      body: '<a/>',
    })
    expect(response.status).toBe(207)
    expect(new TextDecoder().decode(response.body)).toBe('<x/>')
    expect(seen?.method).toBe('PROPFIND')
    expect(seen?.headers.get('authorization')).toBe(`Basic ${Buffer.from('alice:pässword', 'utf8').toString('base64')}`)
    expect(seen?.headers.get('x-client')).toBe('davkit')
    expect(seen?.headers.get('depth')).toBe('1')
    expect(seen?.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(response.request.headers['authorization']).toBe(REDACTED)
  })

  test('an auth function is called once per attempt and can refresh its token', async () => {
    const tokens: string[] = []
    let calls = 0
    server.use(
      new HttpHandler('PROPFIND', `${BASE}/`, ({ request }) => {
        tokens.push(request.headers.get('authorization') ?? '')
        calls++
        return calls === 1 ? new HttpResponse(null, { status: 503 }) : new HttpResponse(null, { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      auth: ({ attempt }) => ({ Authorization: `Bearer token-${attempt}` }),
      retry: { retries: 2, minDelayMs: 1, jitter: false },
    })
    const response = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl })
    expect(response.status).toBe(207)
    expect(response.attempts).toBe(2)
    expect(tokens).toEqual(['Bearer token-1', 'Bearer token-2'])
  })

  test('follows a same-origin redirect with the same method, and re-sends auth there', async () => {
    const auths: (string | null)[] = []
    server.use(
      new HttpHandler('PROPFIND', `${BASE}/Old`, () => new HttpResponse(null, { status: 301, headers: { Location: `${BASE}/Docs/` } })),
      new HttpHandler('PROPFIND', `${BASE}/Docs/`, ({ request }) => {
        auths.push(request.headers.get('authorization'))
        return new HttpResponse('ok', { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({ baseUrl: BASE, auth: { token: 't' }, ...noRetry })
    const response = await pipeline.send({ method: 'PROPFIND', url: new URL('Old', pipeline.baseUrl) })
    expect(response.status).toBe(207)
    expect(response.url).toBe(`${BASE}/Docs/`)
    expect(auths).toEqual(['Bearer t'])
  })

  test('never follows a redirect to another origin, so credentials never go there', async () => {
    let reachedOtherOrigin = false
    server.use(
      new HttpHandler(
        'PROPFIND',
        `${BASE}/x`,
        () => new HttpResponse(null, { status: 307, headers: { Location: 'https://evil.example/steal' } }),
      ),
      new HttpHandler('PROPFIND', 'https://evil.example/steal', () => {
        reachedOtherOrigin = true
        return new HttpResponse(null, { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({ baseUrl: BASE, auth: { username: 'alice', password: 'secret' }, ...noRetry })
    const error = await pipeline.send({ method: 'PROPFIND', url: new URL('x', pipeline.baseUrl) }).catch((e) => e)
    expect(error).toBeInstanceOf(CrossOriginError)
    expect(error.kind).toBe('redirect')
    expect(error.targetOrigin).toBe('https://evil.example')
    expect(reachedOtherOrigin).toBe(false)
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(btoa('alice:secret'))
  })

  test('refuses a request URL on another origin before sending anything', async () => {
    const pipeline = createRequestPipeline({ baseUrl: BASE, auth: { token: 't' }, ...noRetry })
    await expect(pipeline.send({ method: 'PROPFIND', url: new URL('https://other.example/') })).rejects.toBeInstanceOf(CrossOriginError)
  })

  test('a network failure is a TransportError with the cause and a redacted request', async () => {
    server.use(new HttpHandler('PROPFIND', `${BASE}/`, () => HttpResponse.error()))
    const pipeline = createRequestPipeline({ baseUrl: BASE, auth: { token: 'sekrit-token' }, ...noRetry })
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl }).catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.code).toBe('transport')
    expect(error.cause).toBeDefined()
    expect(error.request.headers.authorization).toBe(REDACTED)
    expect(`${error.message} ${JSON.stringify(error.request)}`).not.toContain('sekrit-token')
  })

  test('a slow server is a RequestTimeoutError', async () => {
    server.use(
      new HttpHandler('PROPFIND', `${BASE}/`, async () => {
        await delay(500)
        return new HttpResponse(null, { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({ baseUrl: BASE, timeoutMs: 50, ...noRetry })
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl }).catch((e) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect(error.timeoutMs).toBe(50)
  })

  test("the caller's signal aborts with RequestAbortedError", async () => {
    server.use(
      new HttpHandler('PROPFIND', `${BASE}/`, async () => {
        await delay(500)
        return new HttpResponse(null, { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({ baseUrl: BASE, ...noRetry })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('user cancelled')), 20)
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, signal: controller.signal }).catch((e) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error.cause).toEqual(new Error('user cancelled'))
  })

  test('a body larger than maxResponseBytes is refused, announced or streamed', async () => {
    server.use(
      new HttpHandler('PROPFIND', `${BASE}/announced`, () => new HttpResponse('x'.repeat(100), { status: 207 })),
      new HttpHandler('PROPFIND', `${BASE}/streamed`, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(20))
            controller.close()
          },
        })
        return new HttpResponse(stream, { status: 207 })
      }),
    )
    const pipeline = createRequestPipeline({ baseUrl: BASE, maxResponseBytes: 64, ...noRetry })
    for (const path of ['announced', 'streamed']) {
      const error = await pipeline.send({ method: 'PROPFIND', url: new URL(path, pipeline.baseUrl) }).catch((e) => e)
      expect(error).toBeInstanceOf(ResponseTooLargeError)
      expect(error.limit).toBe(64)
    }
  })

  test('an injected fetch is used and receives redirect: manual', async () => {
    const seen: Request[] = []
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      fetch: async (input) => {
        seen.push(input as Request)
        return new Response('hi', { status: 207 })
      },
      ...noRetry,
    })
    const response = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl })
    expect(response.status).toBe(207)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.redirect).toBe('manual')
    expect(seen[0]?.method).toBe('PROPFIND')
  })
})

describe('request pipeline: bodies and answers beyond XML text', () => {
  const fastRetry = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false } } as const

  function streamOf(text: string): ReadableStream<Uint8Array> {
    return new Blob([text]).stream()
  }

  test('a stream body is sent once: a retryable status is returned, not retried', async () => {
    let calls = 0
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...fastRetry,
      fetch: async () => {
        calls++
        return new Response(null, { status: 503 })
      },
    })
    const response = await pipeline.send({ method: 'PUT', url: new URL('a.bin', `${BASE}/`), body: streamOf('once') })
    expect(response.status).toBe(503)
    expect(response.attempts).toBe(1)
    expect(calls).toBe(1)
  })

  test('a replayable body is retried with the same bytes', async () => {
    const bodies: string[] = []
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...fastRetry,
      fetch: async (input, init) => {
        bodies.push(await new Request(input, init).text())
        return new Response(null, { status: bodies.length === 1 ? 503 : 201 })
      },
    })
    const response = await pipeline.send({ method: 'PUT', url: new URL('a.bin', `${BASE}/`), body: new Uint8Array([104, 105]) })
    expect(response.status).toBe(201)
    expect(bodies).toEqual(['hi', 'hi'])
  })

  test('a redirect answering a stream body is returned, not followed', async () => {
    const urls: string[] = []
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      fetch: async (input) => {
        urls.push((input as Request).url)
        return new Response(null, { status: 307, headers: { location: `${BASE}/elsewhere` } })
      },
    })
    const response = await pipeline.send({ method: 'PUT', url: new URL('a.bin', `${BASE}/`), body: streamOf('x') })
    expect(response.status).toBe(307)
    expect(urls).toEqual([`${BASE}/a.bin`])
  })

  test('a locked stream body is refused before anything is sent', async () => {
    let calls = 0
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      fetch: async () => {
        calls++
        return new Response(null, { status: 201 })
      },
    })
    const body = streamOf('x')
    body.getReader()
    await expect(pipeline.send({ method: 'PUT', url: new URL('a', `${BASE}/`), body })).rejects.toBeInstanceOf(InvalidRequestError)
    expect(calls).toBe(0)
  })

  test('fetch gets a Request carrying the whole request: method, body, headers; only a string defaults to XML', async () => {
    // Read while fetch runs, as fetch does: the request body is not kept readable once it answered.
    const seen: { request: Request; streamed: boolean; body: Uint8Array }[] = []
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      headers: { 'X-Client': 'davkit' },
      fetch: async (input) => {
        const request = input as Request
        const streamed = hasStreamBody(request)
        seen.push({ request, streamed, body: new Uint8Array(await request.arrayBuffer()) })
        return new Response(null, { status: 201 })
      },
    })
    await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, body: '<a/>', headers: { Depth: '0' } })
    await pipeline.send({ method: 'PUT', url: new URL('b', `${BASE}/`), body: new Uint8Array([1, 2]) })
    await pipeline.send({ method: 'PUT', url: new URL('c', `${BASE}/`), body: streamOf('streamed') })
    const [xml, bytes, stream] = seen
    expect(xml?.request.method).toBe('PROPFIND')
    expect(xml?.request.url).toBe(`${BASE}/`)
    expect(new TextDecoder().decode(xml?.body)).toBe('<a/>')
    expect(xml?.request.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(xml?.request.headers.get('depth')).toBe('0')
    expect(xml?.request.headers.get('x-client')).toBe('davkit')
    expect(xml?.request.redirect).toBe('manual')
    expect(bytes?.streamed).toBe(false)
    expect(bytes?.body).toEqual(new Uint8Array([1, 2]))
    expect(bytes?.request.headers.get('content-type')).toBeNull()
    expect(bytes?.request.redirect).toBe('manual')
    expect(stream?.streamed).toBe(true)
    expect(new TextDecoder().decode(stream?.body)).toBe('streamed')
  })

  test('WebDAV verbs reach fetch upper-case and as given, standard ones too', async () => {
    const methods: string[] = []
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      fetch: async (input) => {
        methods.push((input as Request).method)
        return new Response(null, { status: 207 })
      },
    })
    for (const method of ['PROPFIND', 'proppatch', 'MKCOL', 'lock', 'put', 'DELETE']) {
      await pipeline.send({ method, url: pipeline.baseUrl })
    }
    expect(methods).toEqual(['PROPFIND', 'PROPPATCH', 'MKCOL', 'LOCK', 'PUT', 'DELETE'])
  })

  test('ky never retries by itself: with retries off, a 503 or a network failure of a GET is one fetch', async () => {
    let calls = 0
    let fail = false
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      fetch: async () => {
        calls++
        if (fail) throw new TypeError('fetch failed')
        return new Response(null, { status: 503, headers: { 'retry-after': '0' } })
      },
    })
    const response = await pipeline.send({ method: 'GET', url: pipeline.baseUrl })
    expect(response.status).toBe(503)
    expect(calls).toBe(1)
    fail = true
    await expect(pipeline.send({ method: 'GET', url: pipeline.baseUrl })).rejects.toBeInstanceOf(TransportError)
    expect(calls).toBe(2)
  })

  test("a network failure keeps the runtime's own error as cause, not a wrapper holding the credentials", async () => {
    const thrown = new TypeError('fetch failed')
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      auth: { token: 'sekrit-token' },
      fetch: async () => {
        throw thrown
      },
    })
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl }).catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.cause).toBe(thrown)
  })

  /** A fetch answering 200 with three bytes, one every 40 ms, that errors its body when the Request's signal aborts (as fetch does). */
  const slowFetch = async (input: RequestInfo | URL): Promise<Response> => {
    const signal = (input as Request).signal
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            if (sent++ < 3) controller.enqueue(new Uint8Array([sent]))
            else controller.close()
            resolve()
          }, 40)
          signal?.addEventListener('abort', () => {
            clearTimeout(timer)
            controller.error(signal.reason)
            resolve()
          })
        }),
    })
    return new Response(body, { status: 200 })
  }

  test('a stream answer is handed over after the headers; the timeout no longer applies to its body', async () => {
    const pipeline = createRequestPipeline({ baseUrl: BASE, ...noRetry, timeoutMs: 50, fetch: slowFetch })
    const response = await pipeline.send({ method: 'GET', url: pipeline.baseUrl, responseBody: 'stream' })
    expect(response.body.byteLength).toBe(0)
    expect(new Uint8Array(await new Response(response.stream).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]))
  })

  test('the same slow body read whole times out', async () => {
    const pipeline = createRequestPipeline({ baseUrl: BASE, ...noRetry, timeoutMs: 50, fetch: slowFetch })
    const error = await pipeline.send({ method: 'GET', url: pipeline.baseUrl }).catch((e) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
  })

  test('progress hooks hear uploads and 2xx downloads', async () => {
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      fetch: async (input, init) => {
        const sent = new Uint8Array(await new Request(input, init).arrayBuffer())
        return new Response(sent, { status: 200, headers: { 'content-length': String(sent.byteLength) } })
      },
    })
    const up: number[] = []
    const down: (number | undefined)[][] = []
    const response = await pipeline.send({
      method: 'PUT',
      url: new URL('p', `${BASE}/`),
      body: new Uint8Array(100_000),
      uploadProgress: uploadProgress((p) => up.push(p.loaded)),
      onDownloadProgress: (p) => down.push([p.loaded, p.total]),
    })
    expect(response.body.byteLength).toBe(100_000)
    expect(up.at(-1)).toBe(100_000)
    expect(down.at(-1)).toEqual([100_000, 100_000])
  })

  test('an announced length above maxResponseBytes is refused before reading, even when encoded', async () => {
    let pulled = 0
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      maxResponseBytes: 64,
      fetch: async () => {
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++
            controller.enqueue(new Uint8Array(16))
          },
        })
        return new Response(body, { status: 207, headers: { 'content-length': '1000', 'content-encoding': 'gzip' } })
      },
    })
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl }).catch((e) => e)
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(pulled).toBeLessThanOrEqual(1)
  })
})

test('a HEAD announcing more than maxResponseBytes is an answer: it has no body to refuse', async () => {
  const pipeline = createRequestPipeline({
    baseUrl: BASE,
    retry: false,
    maxResponseBytes: 1024,
    fetch: async () => new Response(null, { status: 200, headers: { 'content-length': String(2 ** 32) } }),
  })
  const response = await pipeline.send({ method: 'HEAD', url: new URL('big.iso', pipeline.baseUrl) })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-length')).toBe(String(2 ** 32))
  expect(response.body.byteLength).toBe(0)
  // The same length on a GET is refused before reading.
  await expect(pipeline.send({ method: 'GET', url: new URL('big.iso', pipeline.baseUrl) })).rejects.toBeInstanceOf(ResponseTooLargeError)
})

describe('a URL whose path is a credential (shownAs)', () => {
  const TOKEN = 'eyJSECRET.TRANSFER.TOKEN'
  const uploadUrl = new URL(`${BASE}/data/${TOKEN}`)
  const shownAs = `${BASE}/docs/a.bin (TUS upload)`

  async function texts(error: unknown): Promise<string[]> {
    const { inspect } = await import('node:util')
    const out: string[] = []
    for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message, JSON.stringify(e), inspect(e, { depth: 8 }))
    return out
  }

  test('a failed request shows shownAs, and the token is in no message, cause or inspection', async () => {
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      auth: { token: 't' },
      ...noRetry,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })
      },
    })
    const error = await pipeline.send({ method: 'PATCH', url: uploadUrl, body: new Uint8Array(3), shownAs }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).request?.url).toBe(shownAs)
    for (const text of await texts(error)) expect(text).not.toContain(TOKEN)
  })

  test('an answer echoing the URL in its body keeps it out of the excerpt, and its summary shows shownAs', async () => {
    const pipeline = createRequestPipeline({
      baseUrl: BASE,
      ...noRetry,
      fetch: async () => new Response(`no upload at ${uploadUrl.pathname}`, { status: 500 }),
    })
    const response = await pipeline.send({ method: 'HEAD', url: uploadUrl, shownAs })
    const get = await pipeline.send({ method: 'GET', url: uploadUrl, shownAs })
    expect(response.summary.url).toBe(shownAs)
    expect(get.summary.bodyExcerpt).not.toContain(TOKEN)
    expect(get.request.url).toBe(shownAs)
  })
})
