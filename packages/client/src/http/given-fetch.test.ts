// A fetch given in the options gets everything on the Request it is called with: method, URL,
// headers, the whole body and the attempt's signal, on every attempt.
import { expect, test } from 'vitest'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { createRequestPipeline } from './request-pipeline.ts'

const BASE = 'https://dav.example/files/'

interface Seen {
  readonly method: string
  readonly url: string
  readonly contentType: string | null
  readonly depth: string | null
  readonly body: string
}

test('the Request carries the method, URL, headers and the whole body, on each attempt', async () => {
  const seen: Seen[] = []
  const pipeline = createRequestPipeline({
    baseUrl: BASE,
    retry: { retries: 1, minDelayMs: 0, jitter: false },
    fetch: async (input) => {
      const request = input as Request
      seen.push({
        method: request.method,
        url: request.url,
        contentType: request.headers.get('content-type'),
        depth: request.headers.get('depth'),
        body: await request.text(),
      })
      return new Response(null, { status: seen.length === 1 ? 503 : 207 })
    },
  })
  const response = await pipeline.send({ method: 'propfind', url: new URL('a/', BASE), headers: { Depth: '1' }, body: '<p/>' })
  expect(response.attempts).toBe(2)
  const expected: Seen = { method: 'PROPFIND', url: `${BASE}a/`, contentType: 'application/xml; charset=utf-8', depth: '1', body: '<p/>' }
  expect(seen).toEqual([expected, expected])
})

test('bytes arrive whole, and a request without a body has none', async () => {
  const bodies: (string | null)[] = []
  const pipeline = createRequestPipeline({
    baseUrl: BASE,
    retry: false,
    fetch: async (input) => {
      const request = input as Request
      bodies.push(request.body === null ? null : [...new Uint8Array(await request.arrayBuffer())].join(','))
      return new Response(null, { status: 204 })
    },
  })
  await pipeline.send({ method: 'PUT', url: new URL('b', BASE), body: new Uint8Array([1, 2, 3]) })
  await pipeline.send({ method: 'DELETE', url: new URL('b', BASE) })
  expect(bodies).toEqual(['1,2,3', null])
})

test("the Request's signal aborts when the attempt times out", async () => {
  let aborted = false
  const pipeline = createRequestPipeline({
    baseUrl: BASE,
    retry: false,
    timeoutMs: 30,
    fetch: (input) =>
      new Promise<Response>((_, reject) => {
        const signal = (input as Request).signal
        signal.addEventListener('abort', () => {
          aborted = true
          reject(signal.reason)
        })
      }),
  })
  const error = await pipeline.send({ method: 'PROPFIND', url: new URL(BASE), body: '<p/>' }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(RequestTimeoutError)
  expect(aborted).toBe(true)
})
