// The body-sink contract, over real sockets: a Node HTTP server on 127.0.0.1 writes each answer's
// body in chunks, with pauses, or resets the connection half-way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import type { BodySink, ResponseHead } from './body-sink.ts'
import { createRequestPipeline } from './request-pipeline.ts'

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>
let handlers: Handler[] = []
let hits = 0
let server: Server
let base = ''
/** Set when the server sees the client close the connection before the body was all written. */
let clientGaveUp = false

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  server = createServer((request, response) => {
    const handler = handlers[hits] ?? handlers[handlers.length - 1]
    hits++
    request.resume()
    response.on('close', () => {
      if (!response.writableFinished) clientGaveUp = true
    })
    void handler?.(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dav/`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})
beforeEach(() => {
  handlers = []
  hits = 0
  clientGaveUp = false
})

/** Writes `parts` one by one, `gapMs` apart, unless the client went away. */
function chunked(status: number, parts: readonly string[], gapMs = 0): Handler {
  return async (_, response) => {
    response.writeHead(status, { 'Content-Type': 'application/xml; charset=utf-8' })
    response.flushHeaders()
    for (const part of parts) {
      if (response.destroyed) return
      response.write(part)
      await pause(gapMs)
    }
    response.end()
  }
}

/** Sinks that record the heads they were made for and the text of every chunk; each ends with its own whole text. */
function recorder(): { make: (head: ResponseHead) => BodySink<string>; heads: ResponseHead[]; chunks: string[] } {
  const heads: ResponseHead[] = []
  const chunks: string[] = []
  const decoder = new TextDecoder()
  return {
    heads,
    chunks,
    make: (head) => {
      heads.push(head)
      const own: string[] = []
      return {
        write: (chunk) => {
          own.push(decoder.decode(chunk))
          chunks.push(own[own.length - 1] ?? '')
        },
        end: () => own.join(''),
      }
    },
  }
}

const noRetry = { retry: false } as const

describe('a request with readBody', () => {
  test('the sink gets every chunk in order, then end; its result is `decoded` and the body is not kept', async () => {
    handlers = [chunked(207, ['<a>', '<b/>', '</a>'], 20)]
    const sink = recorder()
    const pipeline = createRequestPipeline({ baseUrl: base, ...noRetry })
    const response = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, readBody: sink.make })
    expect(response.status).toBe(207)
    expect(response.decoded).toBe('<a><b/></a>')
    expect(sink.chunks.length).toBeGreaterThanOrEqual(2)
    expect(sink.heads).toHaveLength(1)
    expect(sink.heads[0]?.status).toBe(207)
    expect(sink.heads[0]?.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(response.body.byteLength).toBe(0)
    // The summary's excerpt still comes from the first bytes.
    expect(response.summary.bodyExcerpt).toBe('<a><b/></a>')
  })

  test('an error status is read into a sink too (a multistatus can come with 423 or 424)', async () => {
    handlers = [chunked(423, ['<m>', '</m>'])]
    const sink = recorder()
    const pipeline = createRequestPipeline({ baseUrl: base, ...noRetry })
    const response = await pipeline.send({ method: 'MOVE', url: pipeline.baseUrl, readBody: sink.make })
    expect(response.status).toBe(423)
    expect(response.decoded).toBe('<m></m>')
  })

  test('the excerpt keeps only the first bytes of a long body', async () => {
    handlers = [
      chunked(
        207,
        Array.from({ length: 40 }, () => 'x'.repeat(1000)),
      ),
    ]
    const pipeline = createRequestPipeline({ baseUrl: base, ...noRetry })
    const response = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, readBody: recorder().make })
    expect(response.decoded).toHaveLength(40_000)
    expect(response.summary.bodyExcerpt).toBe('x'.repeat(2048))
  })

  test('the timeout covers a slow body, not only the headers', async () => {
    handlers = [chunked(207, ['<a>', '<b/>', '<c/>', '</a>'], 150)]
    const sink = recorder()
    const pipeline = createRequestPipeline({ baseUrl: base, timeoutMs: 200, ...noRetry })
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, readBody: sink.make }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    // The headers and the first chunk arrived in time: the timeout fired while the body was read.
    expect(sink.heads).toHaveLength(1)
    expect(sink.chunks.length).toBeGreaterThanOrEqual(1)
  })

  test('a body that grows past maxResponseBytes is cancelled mid-way with ResponseTooLargeError', async () => {
    handlers = [
      chunked(
        207,
        Array.from({ length: 50 }, () => 'y'.repeat(100)),
        5,
      ),
    ]
    const sink = recorder()
    const pipeline = createRequestPipeline({ baseUrl: base, maxResponseBytes: 1000, ...noRetry })
    const error = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, readBody: sink.make }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect((error as ResponseTooLargeError).limit).toBe(1000)
    expect(sink.chunks.join('').length).toBeLessThanOrEqual(1000)
    await expect.poll(() => clientGaveUp).toBe(true)
  })

  test('a sink that throws has the body cancelled, and its error is the rejection, unchanged and not retried', async () => {
    handlers = [
      chunked(
        207,
        Array.from({ length: 50 }, () => '<x/>'),
        10,
      ),
    ]
    const thrown = new Error('not XML at line 1')
    let writes = 0
    const pipeline = createRequestPipeline({ baseUrl: base, retry: { retries: 3, minDelayMs: 1, jitter: false } })
    const error = await pipeline
      .send({
        method: 'PROPFIND',
        url: pipeline.baseUrl,
        readBody: () => ({
          write: () => {
            if (++writes === 2) throw thrown
          },
          end: () => 'never',
        }),
      })
      .catch((e: unknown) => e)
    expect(error).toBe(thrown)
    expect(writes).toBe(2)
    expect(hits).toBe(1)
    await expect.poll(() => clientGaveUp).toBe(true)
  })

  test('a sink whose end throws rejects with that error too', async () => {
    handlers = [chunked(207, ['<a>'])]
    const thrown = new Error('unclosed element')
    const pipeline = createRequestPipeline({ baseUrl: base, ...noRetry })
    const error = await pipeline
      .send({
        method: 'PROPFIND',
        url: pipeline.baseUrl,
        readBody: () => ({
          write: () => undefined,
          end: () => {
            throw thrown
          },
        }),
      })
      .catch((e: unknown) => e)
    expect(error).toBe(thrown)
  })

  test("the caller's signal aborts mid-body with RequestAbortedError", async () => {
    handlers = [
      chunked(
        207,
        Array.from({ length: 50 }, () => '<x/>'),
        20,
      ),
    ]
    const controller = new AbortController()
    let writes = 0
    const pipeline = createRequestPipeline({ baseUrl: base, ...noRetry })
    const error = await pipeline
      .send({
        method: 'PROPFIND',
        url: pipeline.baseUrl,
        signal: controller.signal,
        readBody: () => ({
          write: () => {
            if (++writes === 2) controller.abort(new Error('user went away'))
          },
          end: () => writes,
        }),
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(writes).toBeLessThan(50)
    await expect.poll(() => clientGaveUp).toBe(true)
  })

  test('a reset mid-body is a TransportError, retried for a replayable request with a fresh sink', async () => {
    const resetHalfWay: Handler = async (_, response) => {
      response.writeHead(207, { 'Content-Type': 'application/xml' })
      response.write('<a>')
      await pause(20)
      response.socket?.destroy()
    }
    handlers = [resetHalfWay, chunked(207, ['<a>', '</a>'])]
    const sink = recorder()
    const pipeline = createRequestPipeline({ baseUrl: base, retry: { retries: 2, minDelayMs: 1, jitter: false } })
    const response = await pipeline.send({ method: 'PROPFIND', url: pipeline.baseUrl, readBody: sink.make })
    expect(response.attempts).toBe(2)
    expect(sink.heads).toHaveLength(2)
    expect(response.decoded).toBe('<a></a>')
    expect(response.earlierFailures[0]).toBeInstanceOf(TransportError)

    hits = 0
    handlers = [resetHalfWay]
    const once = createRequestPipeline({ baseUrl: base, ...noRetry })
    const error = await once.send({ method: 'PROPFIND', url: once.baseUrl, readBody: recorder().make }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
  })
})
