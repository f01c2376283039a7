import { HttpResponse, delay } from 'msw'
import { describe, expect, test } from 'vitest'
import type { RetryEvent } from '@davkit/types'
import {
  HttpStatusError,
  RequestAbortedError,
  RequestTimeoutError,
  TransportError,
  createDavClient,
  davProps,
  type DavClientOptions,
  type RetryOptions,
} from '../../src/index.ts'
import { BASE, handle, multistatus, useMswServer, type SeenRequest } from './msw-support.ts'

const server = useMswServer()

const OK = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/remote.php/dav/files/alice/</D:href>
<D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`

function client(retry: RetryOptions | false, extra: Partial<DavClientOptions> = {}) {
  return createDavClient({ baseUrl: BASE, retry, ...extra })
}
const fast = { minDelayMs: 1, maxDelayMs: 5, jitter: false } as const
const props = { props: { etag: davProps.getetag } } as const

/** Answers with the given responses in turn (a function makes a fresh one per call), then 207 OK. */
function sequence(...answers: (() => Response)[]) {
  return (_: SeenRequest, count: number): Response => (answers[count - 1] ?? (() => multistatus(OK)))()
}

describe('retries', () => {
  test('503 with Retry-After: waits as asked, then succeeds on the third attempt', async () => {
    const seen: SeenRequest[] = []
    const times: number[] = []
    server.use(
      handle(
        'PROPFIND',
        BASE,
        (r, n) => {
          times.push(performance.now())
          return sequence(
            () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '1' } }),
            () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '0' } }),
          )(r, n)
        },
        seen,
      ),
    )
    const events: RetryEvent[] = []
    const result = await client({ retries: 3, ...fast, onRetry: (e) => events.push(e) }).propfind('', props)
    expect(seen).toHaveLength(3)
    expect(result.attempts).toBe(3)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950)
    expect(events.map((e) => [e.attempt, e.classification])).toEqual([
      [1, 'throttled'],
      [2, 'throttled'],
    ])
    expect(events[0]!.delayMs).toBeGreaterThanOrEqual(1000)
    expect((events[0]!.error as HttpStatusError).status).toBe(503)
  })

  test('429 is retried until the retries are used up: exactly retries + 1 attempts', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 429 }), seen))
    const error = await client({ retries: 2, ...fast })
      .propfind('', props)
      .catch((e) => e)
    expect(seen).toHaveLength(3)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.status).toBe(429)
    expect(error.attempts).toBe(3)
  })

  test('a Retry-After longer than maxRetryAfterMs is not waited for: one attempt', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '3600' } }), seen))
    const started = performance.now()
    const error = await client({ retries: 5, ...fast, maxRetryAfterMs: 10_000 })
      .propfind('', props)
      .catch((e) => e)
    expect(seen).toHaveLength(1)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(error.status).toBe(503)
    expect(error.response.headers['retry-after']).toBe('3600')
  })

  test('connection resets are retried: two failures then success is three attempts', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPFIND',
        BASE,
        sequence(
          () => HttpResponse.error(),
          () => HttpResponse.error(),
        ),
        seen,
      ),
    )
    const result = await client({ retries: 2, ...fast }).propfind('', props)
    expect(seen).toHaveLength(3)
    expect(result.attempts).toBe(3)
  })

  test('network failures past the budget end with a TransportError', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => HttpResponse.error(), seen))
    const error = await client({ retries: 1, ...fast })
      .propfind('', props)
      .catch((e) => e)
    expect(seen).toHaveLength(2)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.attempts).toBe(2)
  })

  test('timeouts are retried with a fresh timeout per attempt', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPFIND',
        BASE,
        async (_, n) => {
          if (n === 1) await delay(300)
          return multistatus(OK)
        },
        seen,
      ),
    )
    const result = await client({ retries: 1, ...fast }, { timeoutMs: 100 }).propfind('', props)
    expect(seen).toHaveLength(2)
    expect(result.attempts).toBe(2)
  })

  test('a timeout on every attempt ends with RequestTimeoutError', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPFIND',
        BASE,
        async () => {
          await delay(300)
          return multistatus(OK)
        },
        seen,
      ),
    )
    const error = await client({ retries: 1, ...fast }, { timeoutMs: 50 })
      .propfind('', props)
      .catch((e) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect(seen).toHaveLength(2)
  })

  test.each([500, 404, 412])('status %i is not retried', async (status) => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status }), seen))
    await client({ retries: 3, ...fast })
      .propfind('', props)
      .catch(() => undefined)
    expect(seen).toHaveLength(1)
  })

  test('LOCK is never retried, not even on 503 or a connection reset', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'LOCK',
        `${BASE}a.txt`,
        sequence(() => new HttpResponse(null, { status: 503 })),
        seen,
      ),
    )
    const dav = client({ retries: 3, ...fast })
    const response = await dav.pipeline.send({ method: 'LOCK', url: new URL('a.txt', dav.baseUrl) })
    expect(response.status).toBe(503)
    expect(seen).toHaveLength(1)
    server.use(handle('LOCK', `${BASE}b.txt`, () => HttpResponse.error(), seen))
    await expect(dav.pipeline.send({ method: 'LOCK', url: new URL('b.txt', dav.baseUrl) })).rejects.toBeInstanceOf(TransportError)
    expect(seen).toHaveLength(2)
  })

  test('423 is retried only when retryLocked is set', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'MOVE',
        `${BASE}a`,
        sequence(() => new HttpResponse(null, { status: 423 })),
        seen,
      ),
    )
    const plain = await client({ retries: 2, ...fast }).move('a', 'b')
    expect(plain.kind).toBe('locked')
    expect(seen).toHaveLength(1)
    seen.length = 0
    server.resetHandlers()
    server.use(handle('MOVE', `${BASE}a`, (_, n) => new HttpResponse(null, { status: n === 1 ? 423 : 201 }), seen))
    const retried = await client({ retries: 2, ...fast, retryLocked: true }).move('a', 'b')
    expect(retried).toMatchObject({ kind: 'created', attempts: 2 })
    expect(seen).toHaveLength(2)
  })

  test('abort stops the wait for a retry at once', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '30' } }), seen))
    const controller = new AbortController()
    const started = performance.now()
    setTimeout(() => controller.abort(new Error('stop')), 50)
    const error = await client({ retries: 3, ...fast })
      .propfind('', { ...props, signal: controller.signal })
      .catch((e) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error.code).toBe('aborted')
    expect(performance.now() - started).toBeLessThan(2000)
    expect(seen).toHaveLength(1)
  })

  test('an already aborted signal sends nothing', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => multistatus(OK), seen))
    const error = await client({ retries: 3, ...fast })
      .propfind('', { ...props, signal: AbortSignal.abort() })
      .catch((e) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(seen).toHaveLength(0)
  })

  test('maxRetryTimeMs bounds the total time', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 502 }), seen))
    const started = performance.now()
    await client({ retries: 100, minDelayMs: 40, factor: 1, jitter: false, maxRetryTimeMs: 300 })
      .propfind('', props)
      .catch(() => undefined)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(1500)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.length).toBeLessThan(15)
  })

  test('a retried MOVE whose first attempt may have succeeded is reported as uncertain', async () => {
    const seen: SeenRequest[] = []
    // The first attempt reaches the server (which moves the file) but the connection drops before
    // the answer; the retry then finds no source.
    server.use(
      handle(
        'MOVE',
        `${BASE}report.txt`,
        sequence(
          () => HttpResponse.error(),
          () => new HttpResponse(null, { status: 404 }),
        ),
        seen,
      ),
    )
    const result = await client({ retries: 2, ...fast }).move('report.txt', 'archive/report.txt')
    expect(seen).toHaveLength(2)
    expect(result.kind).toBe('uncertain')
    if (result.kind === 'uncertain') {
      expect(result.status).toBe(404)
      expect(result.attempts).toBe(2)
      expect(result.earlierFailures[0]).toBeInstanceOf(TransportError)
    }
  })

  test('a 404 on a MOVE that was not retried is a plain HttpStatusError', async () => {
    server.use(handle('MOVE', `${BASE}report.txt`, () => new HttpResponse(null, { status: 404 })))
    const error = await client({ retries: 2, ...fast })
      .move('report.txt', 'x.txt')
      .catch((e) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.status).toBe(404)
  })
})

describe('retry bookkeeping', () => {
  test('onRetry is called once per retry that happens, never for the last failure', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 502 }), seen))
    const events: RetryEvent[] = []
    await client({ retries: 3, ...fast, onRetry: (e) => events.push(e) })
      .propfind('', props)
      .catch(() => undefined)
    expect(seen).toHaveLength(4)
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3])
    expect(events.every((e) => e.classification === 'transient' && e.method === 'PROPFIND')).toBe(true)
  })

  test('a Retry-After longer than the time left is not waited for', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '5' } }), seen))
    const started = performance.now()
    const error = await client({ retries: 3, ...fast, maxRetryTimeMs: 1000 })
      .propfind('', props)
      .catch((e) => e)
    expect(error.status).toBe(429)
    expect(seen).toHaveLength(1)
    expect(performance.now() - started).toBeLessThan(900)
  })
})
