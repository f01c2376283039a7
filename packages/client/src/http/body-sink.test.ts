// The pipeline feeding an answer's body into a sink as it arrives, over real sockets.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import type { BodySink, BodySinkFactory } from './body-sink.ts'
import { createRequestPipeline } from './request-pipeline.ts'

let server: Server
let base = ''
/** Whether the last answer was closed by the client before it was complete. */
let cutShort: Promise<boolean> = Promise.resolve(false)

// `/chunks/N/D`: N chunks of `chunk-i;`, D ms apart. `/stall`: one chunk, then nothing.
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    const [, kind, count, delay] = (request.url ?? '').split('/')
    response.writeHead(kind === 'status' ? 423 : 207, { 'content-type': 'text/plain' })
    cutShort = new Promise((resolve) => response.once('close', () => resolve(!response.writableFinished)))
    if (kind === 'stall') {
      response.write('chunk-0;')
      return
    }
    let index = 0
    const next = (): void => {
      if (response.destroyed) return
      if (index === Number(count)) {
        response.end()
        return
      }
      response.write(`chunk-${index++};`)
      setTimeout(next, Number(delay))
    }
    next()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** A sink that records the text of each chunk, and can be told to throw at the nth write. */
function recording(throwAt?: number): { factory: BodySinkFactory<string>; chunks: string[]; statuses: number[] } {
  const chunks: string[] = []
  const statuses: number[] = []
  const factory: BodySinkFactory<string> = (head) => {
    statuses.push(head.status)
    const sink: BodySink<string> = {
      write(chunk) {
        if (throwAt !== undefined && chunks.length === throwAt) throw new SyntaxError('sink refuses this chunk')
        chunks.push(new TextDecoder().decode(chunk))
      },
      end: () => chunks.join(''),
    }
    return sink
  }
  return { factory, chunks, statuses }
}

const send = (path: string, options: { timeoutMs?: number; maxResponseBytes?: number; signal?: AbortSignal }, readBody: BodySinkFactory<string>) =>
  createRequestPipeline({ baseUrl: base, retry: false, ...options }).send({ method: 'GET', url: new URL(path, base), readBody, signal: options.signal })

describe('a body read into a sink', () => {
  test('gets every chunk in order, and the response carries what the sink made of them, with the first bytes for its summary', async () => {
    const { factory, chunks, statuses } = recording()
    const response = await send('chunks/20/2', {}, factory)
    expect(response.decoded).toBe(Array.from({ length: 20 }, (_, i) => `chunk-${i};`).join(''))
    expect(chunks.length).toBeGreaterThan(1)
    expect(statuses).toEqual([207])
    expect(response.summary.bodyExcerpt).toMatch(/^chunk-0;chunk-1;/)
  })

  test('reads the body of any status', async () => {
    const { factory, statuses } = recording()
    const response = await send('status/2/0', {}, factory)
    expect(response.status).toBe(423)
    expect(response.decoded).toBe('chunk-0;chunk-1;')
    expect(statuses).toEqual([423])
  })

  test('within the timeout: a body that stops coming is a RequestTimeoutError', async () => {
    const { factory } = recording()
    const error = await send('stall', { timeoutMs: 200 }, factory).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect(await cutShort).toBe(true)
  })

  test('within maxResponseBytes: a body that grows past it is refused mid-way and cancelled', async () => {
    const { factory, chunks } = recording()
    const error = await send('chunks/1000/0', { maxResponseBytes: 200 }, factory).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(chunks.join('').length).toBeLessThanOrEqual(200)
    expect(await cutShort).toBe(true)
  })

  test('a sink that throws rejects the request with its error, unchanged, and the body is cancelled', async () => {
    const { factory } = recording(3)
    const error = await send('chunks/1000/1', {}, factory).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SyntaxError)
    expect((error as Error).message).toBe('sink refuses this chunk')
    expect(await cutShort).toBe(true)
  })

  test('an abort mid-body is a RequestAbortedError', async () => {
    const { factory, chunks } = recording()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await send('chunks/1000/5', { signal: controller.signal }, factory).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(chunks.length).toBeGreaterThan(0)
    expect(await cutShort).toBe(true)
  })
})
