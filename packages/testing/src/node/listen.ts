import { joinBytes } from '../join-bytes.ts'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DavServer } from '../dav-server.ts'
import { DavNetworkError } from '../network-error.ts'

/** Options of {@link listen}. */
export interface ListenOptions {
  /** Port (default 0: a free one). */
  readonly port?: number
  /** Interface (default `127.0.0.1`; this adapter is for tests, keep it on loopback). */
  readonly host?: string
  /**
   * Answer CORS preflights and expose WebDAV headers, so that a page on another origin can use
   * the server (default false). Preflights are answered here and never reach the server's journal.
   */
  readonly cors?: boolean
}

const EXPOSED_HEADERS = 'DAV, ETag, Last-Modified, Lock-Token, Content-Range, Content-Length, Retry-After, Location, Allow'

/** CORS response headers for a request from `origin` (RFC fetch standard), or none without an Origin. */
function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin
  if (origin === undefined) return {}
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'Origin' }
}

function isPreflight(request: IncomingMessage): boolean {
  return (
    request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined
  )
}

/** A running Node HTTP adapter. */
export interface ListeningDavServer {
  /** Base URL of the store's root, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string
  readonly port: number
  /** Stops listening and closes open connections. */
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = []
  for await (const chunk of request) chunks.push(chunk as Uint8Array)
  return joinBytes(chunks)
}

async function serve(dav: DavServer, origin: string, cors: boolean, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const target = request.url ?? '/'
  if (cors && isPreflight(request)) {
    response.writeHead(204, {
      ...corsHeaders(request),
      'access-control-allow-methods': 'OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, PROPFIND, PROPPATCH, COPY, MOVE, LOCK, UNLOCK, REPORT',
      'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
    })
    response.end()
    return
  }
  if (target.includes('#')) {
    // A fragment has no place in a request target (RFC 9112 section 3.2): refuse rather than act on a truncated URL.
    response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('A request target cannot hold a fragment.\n')
    return
  }
  const body = await readBody(request)
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'host' || name === 'connection' || name === 'transfer-encoding' || name === 'expect') continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = request.method ?? 'GET'
  const init: RequestInit = { method, headers }
  if (body.byteLength > 0 && method !== 'GET' && method !== 'HEAD') init.body = body
  let answer: Response
  try {
    answer = await dav.handle(new Request(new URL(target, origin), init))
  } catch (error) {
    if (error instanceof DavNetworkError) {
      request.socket.destroy()
      return
    }
    throw error
  }
  const outHeaders: Record<string, string> =
    cors && request.headers.origin !== undefined ? { ...corsHeaders(request), 'access-control-allow-credentials': 'true' } : {}
  answer.headers.forEach((value, name) => {
    outHeaders[name] = value
  })
  const answerBody = await readAnswer(answer)
  if (answerBody.cut) {
    // A cut answer: the headers announce the whole length, the bytes that got through follow, then the socket goes away.
    response.writeHead(answer.status, answer.statusText || undefined, outHeaders)
    response.flushHeaders()
    response.write(answerBody.bytes, () => request.socket.destroy())
    return
  }
  const bytes = answerBody.bytes
  if (method !== 'HEAD' && answer.status !== 204 && answer.status !== 304) outHeaders['content-length'] = String(bytes.byteLength)
  response.writeHead(answer.status, answer.statusText || undefined, outHeaders)
  response.end(method === 'HEAD' ? undefined : bytes)
}

/** An answer's body, or the part of it that came before a simulated connection loss. */
async function readAnswer(answer: Response): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const chunks: Uint8Array[] = []
  let cut = false
  if (answer.body !== null) {
    const reader = answer.body.getReader()
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
    } catch (error) {
      if (!(error instanceof DavNetworkError)) throw error
      cut = true
    }
  }
  return { bytes: joinBytes(chunks), cut }
}

/**
 * Serves a {@link DavServer} over real HTTP on 127.0.0.1, for clients that cannot go through msw
 * (litmus, curl, other SDKs, a browser).
 * @example
 * const dav = createDavServer()
 * const http = await listen(dav)
 * // ... use http.url ...
 * await http.close()
 */
export async function listen(dav: DavServer, options: ListenOptions = {}): Promise<ListeningDavServer> {
  const host = options.host ?? '127.0.0.1'
  let origin = ''
  const server = createServer((request, response) => {
    serve(dav, origin, options.cors === true, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end(`Internal error of the fake server: ${error instanceof Error ? error.message : String(error)}\n`)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    url: `${origin}${dav.basePath}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
