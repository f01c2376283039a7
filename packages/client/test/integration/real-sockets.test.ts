// Retries over real sockets (no msw): a Node HTTP server on 127.0.0.1 that resets connections,
// stalls, or answers, so the failures are the ones undici reports in production.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { closeServer, listenOnLoopback } from '../support/loopback-server.ts'
import { RequestTimeoutError, TransportError, createDavClient, davProps } from '../../src/index.ts'

type Behaviour = 'reset' | 'stall' | 'ok' | '503'
let plan: Behaviour[] = []
let hits = 0
let server: Server
let base = ''

const OK =
  '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/</D:href>' +
  '<D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>'

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const behaviour = plan[hits] ?? 'ok'
    hits++
    request.resume()
    if (behaviour === 'reset') {
      request.socket.destroy()
      return
    }
    if (behaviour === 'stall') return
    if (behaviour === '503') {
      response.writeHead(503, { 'Retry-After': '0' }).end()
      return
    }
    response.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8' }).end(OK)
  })
  base = `http://127.0.0.1:${await listenOnLoopback(server)}/dav/`
})
afterAll(async () => {
  await closeServer(server)
})
beforeEach(() => {
  plan = []
  hits = 0
})

const props = { props: { etag: davProps.getetag } } as const
const retry = { retries: 2, minDelayMs: 1, maxDelayMs: 5, jitter: false } as const

describe('over real sockets', () => {
  test('two connection resets then an answer: three attempts', async () => {
    plan = ['reset', 'reset', 'ok']
    const result = await createDavClient({ baseUrl: base, retry }).propfind('', props)
    expect(hits).toBe(3)
    expect(result.attempts).toBe(3)
    expect(result.resources[0]?.props.etag.kind).toBe('value')
  })

  test('resets on every attempt: TransportError after retries + 1 attempts', async () => {
    plan = ['reset', 'reset', 'reset', 'reset']
    const error = await createDavClient({ baseUrl: base, retry })
      .propfind('', props)
      .catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.attempts).toBe(3)
    expect(hits).toBe(3)
  })

  test('a stalled attempt times out and the retry answers', async () => {
    plan = ['stall', 'ok']
    const result = await createDavClient({ baseUrl: base, retry, timeoutMs: 150 }).propfind('', props)
    expect(hits).toBe(2)
    expect(result.attempts).toBe(2)
  })

  test('stalls on every attempt: RequestTimeoutError', async () => {
    plan = ['stall', 'stall', 'stall']
    const error = await createDavClient({ baseUrl: base, retry, timeoutMs: 100 })
      .propfind('', props)
      .catch((e) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect(hits).toBe(3)
  })

  test('a LOCK is sent once even when the connection resets', async () => {
    plan = ['reset', 'ok']
    const dav = createDavClient({ baseUrl: base, retry })
    await expect(dav.pipeline.send({ method: 'LOCK', url: dav.baseUrl })).rejects.toBeInstanceOf(TransportError)
    expect(hits).toBe(1)
  })

  test('503 with Retry-After: 0 then an answer: two attempts', async () => {
    plan = ['503', 'ok']
    const result = await createDavClient({ baseUrl: base, retry }).propfind('', props)
    expect(hits).toBe(2)
    expect(result.attempts).toBe(2)
  })
})
