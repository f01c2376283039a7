// Requests through the runtime's own fetch, over a real socket on 127.0.0.1: the body and the
// attempt's signal (timeout and the caller's signal, one AbortController) go to fetch with ky's Request.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { closeServer, listenOnLoopback } from '../../test/support/loopback-server.ts'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { createRequestPipeline } from './request-pipeline.ts'

let server: Server
let base = ''
beforeAll(async () => {
  // /slow: headers at once, then one byte every 40 ms, five in all. Anything else: a small 207.
  let failNext = 0
  server = createServer((request, response) => {
    if (request.url === '/echo' || request.url === '/flaky' || request.url === '/moved') {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        if (request.url === '/moved') {
          response.writeHead(307, { location: '/echo' })
          response.end()
          return
        }
        if (request.url === '/flaky' && failNext++ % 2 === 0) {
          response.writeHead(503, { 'retry-after': '0' })
          response.end()
          return
        }
        response.writeHead(200, { 'x-content-type': request.headers['content-type'] ?? '', 'x-method': request.method ?? '' })
        response.end(Buffer.concat(chunks))
      })
      return
    }
    request.resume()
    if (request.url === '/slow') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' })
      let sent = 0
      const timer = setInterval(() => {
        response.write(new Uint8Array([++sent]))
        if (sent === 5) {
          clearInterval(timer)
          response.end()
        }
      }, 40)
      response.on('close', () => clearInterval(timer))
      return
    }
    response.writeHead(207, { 'content-type': 'application/xml' })
    response.end('<x/>')
  })
  base = `http://127.0.0.1:${await listenOnLoopback(server)}/`
})
afterAll(async () => {
  await closeServer(server)
})

describe('bodies through the runtime fetch', () => {
  const text = async (body: Uint8Array): Promise<string> => new TextDecoder().decode(body)

  test('text, bytes and a Blob arrive whole, text as XML unless the headers say otherwise', async () => {
    const pipeline = createRequestPipeline({ baseUrl: base, retry: false })
    const url = new URL('echo', base)
    const xml = await pipeline.send({ method: 'PROPFIND', url, body: '<a>é</a>' })
    expect(await text(xml.body)).toBe('<a>é</a>')
    expect(xml.headers.get('x-content-type')).toBe('application/xml; charset=utf-8')
    expect(xml.headers.get('x-method')).toBe('PROPFIND')
    const bytes = await pipeline.send({
      method: 'PUT',
      url,
      body: new Uint8Array([1, 2, 3]),
      headers: { 'content-type': 'application/octet-stream' },
    })
    expect([...bytes.body]).toEqual([1, 2, 3])
    expect(bytes.headers.get('x-content-type')).toBe('application/octet-stream')
    const blob = await pipeline.send({ method: 'PUT', url, body: new Blob(['blob body']) })
    expect(await text(blob.body)).toBe('blob body')
  })

  test('the body is sent again to a same-origin redirect and on a retry', async () => {
    const redirected = createRequestPipeline({ baseUrl: base, retry: false })
    const moved = await redirected.send({ method: 'PROPPATCH', url: new URL('moved', base), body: '<p/>' })
    expect(moved.status).toBe(200)
    expect(await text(moved.body)).toBe('<p/>')
    const retried = createRequestPipeline({ baseUrl: base, retry: { retries: 1, minDelayMs: 0, jitter: false } })
    const flaky = await retried.send({ method: 'PROPFIND', url: new URL('flaky', base), body: '<q/>' })
    expect(flaky.attempts).toBe(2)
    expect(await text(flaky.body)).toBe('<q/>')
  })
})

describe('attempt signal with the runtime fetch', () => {
  test('a body still arriving when the timeout fires is a RequestTimeoutError', async () => {
    const pipeline = createRequestPipeline({ baseUrl: base, retry: false, timeoutMs: 80 })
    const error = await pipeline.send({ method: 'GET', url: new URL('slow', base) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
  })

  test("the caller's signal aborts a buffered read with RequestAbortedError", async () => {
    const pipeline = createRequestPipeline({ baseUrl: base, retry: false })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('user cancelled')), 60)
    const error = await pipeline.send({ method: 'GET', url: new URL('slow', base), signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect((error as RequestAbortedError).cause).toEqual(new Error('user cancelled'))
  })

  test("a streamed answer outlives the timeout, and the caller's signal still aborts its body", async () => {
    const pipeline = createRequestPipeline({ baseUrl: base, retry: false, timeoutMs: 150 })
    const whole = await pipeline.send({ method: 'GET', url: new URL('slow', base), responseBody: 'stream' })
    expect(new Uint8Array(await new Response(whole.stream).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4, 5]))

    const controller = new AbortController()
    const cut = await pipeline.send({ method: 'GET', url: new URL('slow', base), responseBody: 'stream', signal: controller.signal })
    const reader = (cut.stream as ReadableStream<Uint8Array>).getReader()
    expect((await reader.read()).value).toEqual(new Uint8Array([1]))
    controller.abort()
    await expect(reader.read()).rejects.toMatchObject({ code: 'aborted' })
  })

  test("a buffered request leaves no listener on the caller's signal", async () => {
    const pipeline = createRequestPipeline({ baseUrl: base, retry: false })
    const controller = new AbortController()
    const added = vi.spyOn(controller.signal, 'addEventListener')
    const removed = vi.spyOn(controller.signal, 'removeEventListener')
    for (let i = 0; i < 3; i++) {
      expect((await pipeline.send({ method: 'PROPFIND', url: new URL(base), signal: controller.signal })).status).toBe(207)
    }
    const aborts = (calls: unknown[][]) => calls.filter(([type]) => type === 'abort').length
    expect(aborts(added.mock.calls)).toBeGreaterThanOrEqual(3)
    expect(aborts(removed.mock.calls)).toBe(aborts(added.mock.calls))
  })
})
