// Every error type, with every cause chain, inspected as a developer would print it: no Basic
// password, Bearer token, Digest response or password from a URL may show, even when the server
// echoes the request's headers in its body (some servers and proxies do).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closedPort, closeServer, listenOnLoopback } from '../support/loopback-server.ts'
import {
  CrossOriginError,
  HttpStatusError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  TransportError,
  UnauthorizedError,
  UndecodableResponseError,
  createDavClient,
  davProps,
  type DavAuth,
} from '../../src/index.ts'

let server: Server
let origin = ''
/** Every Authorization value the server received. */
const received: string[] = []

/** Answers by path, always echoing the request's headers in the body. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  const authorization = request.headers.authorization ?? ''
  received.push(authorization)
  const echo = `you sent ${JSON.stringify(request.headers)} and ${authorization}`
  const path = new URL(request.url ?? '/', origin).pathname
  request.resume()
  if (path.startsWith('/digest/') && !authorization.startsWith('Digest ')) {
    response.writeHead(401, { 'WWW-Authenticate': 'Digest realm="r", qop="auth", algorithm=SHA-256, nonce="abc123nonce"' }).end(echo)
    return
  }
  const what = path.split('/').at(-2) ?? ''
  if (what === 'fail') response.writeHead(500, { 'Content-Type': 'text/plain' }).end(echo)
  else if (what === 'garbled') response.writeHead(207, { 'Content-Type': 'application/xml' }).end(`<not-closed ${echo}`)
  else if (what === 'html') response.writeHead(207, { 'Content-Type': 'text/html' }).end(`<html><body>${echo}</body></html>`)
  else if (what === 'big') response.writeHead(207, { 'Content-Type': 'application/xml' }).end(echo.repeat(200))
  else if (what === 'away') response.writeHead(307, { Location: `https://elsewhere.example/x?sig=${authorization}` }).end(echo)
  else if (what === 'refuse') response.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="r", error="invalid_token"' }).end(echo)
  else if (what === 'slow') setTimeout(() => response.destroyed || response.end(echo), 2000)
  else response.writeHead(404).end(echo)
}

beforeAll(async () => {
  server = createServer(answer)
  origin = `http://127.0.0.1:${await listenOnLoopback(server)}`
})
afterAll(async () => {
  await closeServer(server)
})

const PASSWORD = 'pa55-w0rd-secret'
const TOKEN = 'tok-3f9a8b7c6d5e'
/** The credentials each case sends, and the strings of them that must never show. */
const kinds: { name: string; base: string; auth?: DavAuth; secrets: () => string[] }[] = [
  { name: 'Basic', base: '/basic/', auth: { username: 'alice', password: PASSWORD }, secrets: () => [PASSWORD, btoa(`alice:${PASSWORD}`)] },
  { name: 'Bearer', base: '/bearer/', auth: { token: TOKEN }, secrets: () => [TOKEN] },
  { name: 'password in the URL', base: '/url/', secrets: () => [PASSWORD, btoa(`bob:${PASSWORD}`)] },
  {
    name: 'Digest',
    base: '/digest/',
    auth: { username: 'alice', password: PASSWORD },
    // The Digest response hashes the server saw.
    secrets: () => [PASSWORD, ...received.flatMap((a) => [...a.matchAll(/\bresponse="([^"]+)"/g)].map((m) => m[1] ?? ''))],
  },
]

function clientFor(kind: (typeof kinds)[number], options: { timeoutMs?: number; maxResponseBytes?: number } = {}) {
  const baseUrl = kind.auth === undefined ? `http://bob:${PASSWORD}@${origin.slice('http://'.length)}${kind.base}` : `${origin}${kind.base}`
  return createDavClient({ baseUrl, ...(kind.auth === undefined ? {} : { auth: kind.auth }), retry: false, ...options })
}

const props = { props: { etag: davProps.getetag } } as const

/** The error a call rejects with, inspected whole: every cause, every field. */
async function shown(call: Promise<unknown>, type: new (...args: never[]) => Error): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  return [inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)].join('\n')
}

describe.each(kinds)('with $name credentials, no error shows them', (kind) => {
  const check = (text: string): void => {
    const secrets = kind.secrets().filter((s) => s.length >= 6)
    expect(secrets.length).toBeGreaterThan(0)
    for (const secret of secrets) expect(text).not.toContain(secret)
  }

  test('HttpStatusError of an answer echoing the headers', async () => {
    check(await shown(clientFor(kind).propfind('fail/', props), HttpStatusError))
  })

  test('UndecodableResponseError and its DecodeError, for broken XML and HTML echoing the headers', async () => {
    const garbled = await shown(clientFor(kind).propfind('garbled/', props), UndecodableResponseError)
    expect(garbled).toContain('DecodeError')
    check(garbled)
    check(await shown(clientFor(kind).propfind('html/', props), UndecodableResponseError))
  })

  test('ResponseTooLargeError', async () => {
    check(await shown(clientFor(kind, { maxResponseBytes: 1000 }).propfind('big/', props), ResponseTooLargeError))
  })

  test('CrossOriginError of a redirect whose Location carries the credentials', async () => {
    check(await shown(clientFor(kind).propfind('away/', props), CrossOriginError))
  })

  test('RequestTimeoutError and RequestAbortedError', async () => {
    check(await shown(clientFor(kind, { timeoutMs: 150 }).propfind('slow/', props), RequestTimeoutError))
    check(await shown(clientFor(kind).propfind('slow/', { ...props, signal: AbortSignal.timeout(150) }), RequestAbortedError))
  })

  test('TransportError', async () => {
    const port = await closedPort()
    const base = kind.auth === undefined ? `http://bob:${PASSWORD}@127.0.0.1:${port}/` : `http://127.0.0.1:${port}/`
    const dav = createDavClient({ baseUrl: base, ...(kind.auth === undefined ? {} : { auth: kind.auth }), retry: false })
    check(await shown(dav.propfind('', props), TransportError))
  })
})

test('UnauthorizedError of renewed credentials refused, the body echoing them', async () => {
  let calls = 0
  const dav = createDavClient({ baseUrl: `${origin}/renew/`, retry: false, auth: () => ({ Authorization: `Bearer ${TOKEN}-${++calls}` }) })
  const text = await shown(dav.propfind('refuse/', props), UnauthorizedError)
  for (const secret of [`${TOKEN}-1`, `${TOKEN}-2`]) expect(text).not.toContain(secret)
  expect(text).toContain('invalid_token')
})
