import { CrossOriginError } from '../errors/cross-origin-error.ts'
import { DavkitError } from '../errors/davkit-error.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import { resolveAuthHeaders, type DavAuth } from '../http/auth.ts'
import type { DavClientOptions } from '../http/client-options.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { redactUrl } from '../http/redact.ts'
import { summarizeRequest, summarizeResponse } from '../http/summaries.ts'
import { parseBaseUrl } from '../paths/base-url.ts'
import { classifyFailure, type AttemptFailure } from '../retry/classify-failure.ts'
import { parseRetryAfter } from '../retry/retry-after.ts'
import { resolveRetryOptions, type ResolvedRetryOptions } from '../retry/retry-options.ts'
import { runWithRetry } from '../retry/run-with-retry.ts'
import type { MethodContext } from './method-context.ts'
import { chunkedStream, countingStream, supportsStreamingUploads, type ProgressCallback } from './progress.ts'

/** A request body for PUT: text (sent as UTF-8), bytes, a Blob, or a one-shot stream. */
export type ContentBody = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>

/** One request with a content body or a streamed answer. */
export interface ContentRequest {
  readonly method: string
  readonly url: URL
  readonly headers?: HeadersInit | undefined
  readonly body?: ContentBody | undefined
  readonly signal?: AbortSignal | undefined
  /** `buffer`: read the whole body (bounded by `maxResponseBytes`); `stream`: hand a 2xx body over unread. */
  readonly responseBody: 'buffer' | 'stream'
  readonly onUploadProgress?: ProgressCallback | undefined
  /** The size of a stream body when the caller knows it, for upload progress. */
  readonly uploadLength?: number | undefined
  readonly onDownloadProgress?: ProgressCallback | undefined
}

/** The final answer; `stream` is set for a 2xx answer to a `stream` request (then `body` is empty). */
export interface ContentResponse extends DavResponse {
  readonly stream: ReadableStream<Uint8Array> | undefined
}

/**
 * The road for requests whose bodies are not XML text: binary and streamed uploads, streamed
 * downloads, progress. It follows the rules of the request pipeline (same retry policy and
 * classification, per-attempt auth, same-origin redirects only, per-attempt timeout combined with
 * the caller's signal, bounded buffered reads, redacted errors) with two differences forced by
 * streams: a `ReadableStream` upload cannot be replayed, so it is sent once (no retry, no
 * redirect); and for a streamed download the timeout covers the wait for the headers only, the
 * caller's signal aborting the body afterwards.
 */
export interface ContentTransport {
  send(request: ContentRequest): Promise<ContentResponse>
}

/** A method context with the content transport, for the methods that move content. */
export interface ContentContext extends MethodContext {
  readonly content: ContentTransport
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 307, 308])

interface TransportConfig {
  readonly base: URL
  readonly auth: DavAuth | undefined
  readonly headers: Headers
  readonly fetch: typeof globalThis.fetch
  readonly timeoutMs: number | false
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly retry: ResolvedRetryOptions
  /** Set once a streamed upload failed where the same body sent whole worked (Chromium over HTTP/1.1). */
  readonly uploads: { streamingRefused: boolean }
}

/** Builds the content transport from the same options as the request pipeline. */
export function createContentTransport(options: DavClientOptions): ContentTransport {
  const { url: base, credentials } = parseBaseUrl(options.baseUrl)
  const config: TransportConfig = {
    base,
    auth: options.auth ?? credentials,
    headers: new Headers(options.headers),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    retry: resolveRetryOptions(options.retry),
    uploads: { streamingRefused: false },
  }
  return { send: (request) => sendContent(config, request) }
}

/** The size of a replayable body, or `undefined` for a stream. */
export function bodySize(body: ContentBody | undefined): number | undefined {
  if (body === undefined) return 0
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength
  if (body instanceof Blob) return body.size
  return undefined
}

/** A body for one attempt, and whether it needs `duplex: 'half'`. */
async function attemptBody(
  body: ContentBody | undefined,
  onProgress: ProgressCallback | undefined,
  streamLength: number | undefined,
  mayStream: boolean,
): Promise<{ body: BodyInit | undefined; streamed: boolean }> {
  if (body === undefined) return { body: undefined, streamed: false }
  if (body instanceof ReadableStream) {
    const piped = onProgress === undefined ? body : body.pipeThrough(countingStream(streamLength, onProgress))
    return { body: piped, streamed: true }
  }
  if (onProgress === undefined || !mayStream || !supportsStreamingUploads()) {
    return { body: body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : body, streamed: false }
  }
  const bytes =
    typeof body === 'string'
      ? new TextEncoder().encode(body)
      : body instanceof Blob
        ? new Uint8Array(await body.arrayBuffer())
        : body instanceof ArrayBuffer
          ? new Uint8Array(body)
          : body
  onProgress({ loaded: 0, total: bytes.byteLength })
  return { body: chunkedStream(bytes, onProgress), streamed: true }
}

class BodyTooLarge extends Error {
  readonly limit: number
  constructor(limit: number) {
    super(`response body exceeds ${limit} bytes`)
    this.limit = limit
  }
}

/**
 * The number of body bytes a reader will see, when the headers tell: `Content-Length`, unless a
 * `Content-Encoding` means fetch decodes the body into more bytes than were announced.
 */
function decodedLength(headers: Headers): number | undefined {
  const length = headers.get('content-length')
  if (length === null || !/^\d+$/.test(length)) return undefined
  const encoding = headers.get('content-encoding')
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined
  return Number(length)
}

async function readCapped(response: Response, limit: number, onProgress: ProgressCallback | undefined): Promise<Uint8Array> {
  const total = decodedLength(response.headers)
  if (total !== undefined && total > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyTooLarge(limit)
  }
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLarge(limit)
    }
    chunks.push(value)
    onProgress?.({ loaded: size, total })
  }
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function secretsOf(headers: Headers): string[] {
  const secrets: string[] = []
  headers.forEach((value) => {
    secrets.push(value)
    const space = value.indexOf(' ')
    if (space > 0) secrets.push(value.slice(space + 1))
  })
  return secrets
}

function describeFailure(error: unknown): AttemptFailure {
  if (error instanceof TransportError) return { kind: 'network' }
  if (error instanceof RequestTimeoutError) return { kind: 'timeout' }
  if (error instanceof HttpStatusError) {
    return { kind: 'status', status: error.status, retryAfterMs: parseRetryAfter(error.response?.headers['retry-after']) }
  }
  return { kind: error instanceof RequestAbortedError ? 'aborted' : 'other' }
}

const retryableResponses = new WeakMap<object, ContentResponse>()

/**
 * A streamed body whose read failures are davkit errors (`aborted`, `timeout`, `transport`)
 * rather than whatever the runtime threw, so a caller reading it can switch on `code`.
 */
function typedErrors(raw: ReadableStream<Uint8Array>, failure: (cause: unknown) => DavkitError): ReadableStream<Uint8Array> {
  const reader = raw.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (cause) {
        controller.error(failure(cause))
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}

async function sendContent(config: TransportConfig, request: ContentRequest): Promise<ContentResponse> {
  const method = request.method.toUpperCase()
  if (request.url.origin !== config.base.origin) {
    throw new CrossOriginError(`${method} ${redactUrl(request.url)} is not on ${config.base.origin}`, {
      request: summarizeRequest(method, request.url, new Headers(request.headers)),
      kind: 'request',
      targetOrigin: request.url.origin,
    })
  }
  const oneShot = request.body instanceof ReadableStream
  if (oneShot && request.body.locked) throw new InvalidRequestError('the body stream is locked (already being read)')
  const retry: ResolvedRetryOptions = oneShot ? { ...config.retry, retries: 0 } : config.retry
  try {
    const outcome = await runWithRetry({
      method,
      url: redactUrl(request.url),
      options: retry,
      signal: request.signal,
      attempt: async (attemptNumber) => {
        const response = await attempt(config, method, request, attemptNumber, oneShot)
        if (response.status >= 400) {
          const failure: AttemptFailure = {
            kind: 'status',
            status: response.status,
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          }
          if (classifyFailure(method, failure, retry) !== 'fatal') {
            const error = new HttpStatusError(`${method} ${response.summary.url}: ${response.status}`, {
              request: response.request,
              response: response.summary,
              attempts: attemptNumber,
              status: response.status,
            })
            retryableResponses.set(error, response)
            throw error
          }
        }
        return response
      },
      describe: describeFailure,
    })
    const earlierFailures = outcome.failures.filter((f): f is DavkitError => f instanceof DavkitError)
    return { ...outcome.value, attempts: outcome.attempts, earlierFailures }
  } catch (error) {
    const response = typeof error === 'object' && error !== null ? retryableResponses.get(error) : undefined
    if (response !== undefined) return response
    if (error instanceof DavkitError) throw error
    if (request.signal?.aborted === true) {
      throw new RequestAbortedError(`${method} ${redactUrl(request.url)} was aborted`, {
        request: summarizeRequest(method, request.url, new Headers(request.headers)),
        cause: request.signal.reason,
      })
    }
    throw error
  }
}

async function attempt(
  config: TransportConfig,
  method: string,
  request: ContentRequest,
  attemptNumber: number,
  oneShot: boolean,
): Promise<ContentResponse> {
  const timeout = new AbortController()
  const timer = config.timeoutMs === false ? undefined : setTimeout(() => timeout.abort(), config.timeoutMs)
  const stopTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer)
  }
  const signal = request.signal === undefined ? timeout.signal : AbortSignal.any([request.signal, timeout.signal])
  let url = request.url
  try {
    for (let hop = 0; ; hop++) {
      const auth = await resolveAuthHeaders(config.auth, { method, url: url.href, attempt: attemptNumber, signal: request.signal })
      const headers = new Headers(config.headers)
      new Headers(request.headers).forEach((value, name) => headers.set(name, value))
      auth.forEach((value, name) => headers.set(name, value))
      const summary = summarizeRequest(method, url, headers)
      const secrets = secretsOf(auth)
      const failure = (cause: unknown): DavkitError => {
        if (timeout.signal.aborted && request.signal?.aborted !== true) {
          return new RequestTimeoutError(`${method} ${summary.url} timed out after ${String(config.timeoutMs)} ms`, {
            request: summary,
            attempts: attemptNumber,
            timeoutMs: config.timeoutMs === false ? 0 : config.timeoutMs,
            cause,
          })
        }
        if (request.signal?.aborted === true) {
          return new RequestAbortedError(`${method} ${summary.url} was aborted`, {
            request: summary,
            attempts: attemptNumber,
            cause: request.signal.reason,
          })
        }
        return new TransportError(`${method} ${summary.url} failed: no HTTP response`, {
          request: summary,
          attempts: attemptNumber,
          cause,
        })
      }
      const fail = (cause: unknown): never => {
        throw failure(cause)
      }

      /** One fetch; `mayStream: false` sends a replayable body whole even when progress is wanted. */
      const fetchOnce = async (mayStream: boolean): Promise<{ response: Response; converted: boolean }> => {
        const { body, streamed } = await attemptBody(request.body, request.onUploadProgress, request.uploadLength, mayStream)
        const sent = new Headers(headers)
        const init: RequestInit & { duplex?: 'half' } = { method, headers: sent, redirect: 'manual', signal }
        if (body !== undefined) init.body = body
        const converted = streamed && !(request.body instanceof ReadableStream)
        if (streamed) {
          init.duplex = 'half'
          // A body of known size turned into a stream for progress keeps its Content-Length, so
          // that it is not sent chunked (servers and proxies may refuse chunked PUTs with 411).
          // Node's fetch honours it; browsers compute their own framing.
          const size = converted ? bodySize(request.body) : undefined
          if (size !== undefined && !sent.has('content-length')) sent.set('content-length', String(size))
        }
        return { response: await config.fetch(url.href, init), converted }
      }

      let response: Response
      try {
        response = (await fetchOnce(!config.uploads.streamingRefused)).response
      } catch (cause) {
        if (cause instanceof DavkitError) throw cause
        // Chromium knows `duplex` but streams request bodies over HTTP/2 only: the fetch fails at
        // once. A body davkit turned into a stream for progress is then sent whole, and later
        // uploads of this client are not streamed again.
        const replayable = request.onUploadProgress !== undefined && request.body !== undefined && !(request.body instanceof ReadableStream)
        if (!replayable || config.uploads.streamingRefused || signal.aborted || !supportsStreamingUploads()) return fail(cause)
        try {
          response = (await fetchOnce(false)).response
          config.uploads.streamingRefused = true
        } catch (second) {
          if (second instanceof DavkitError) throw second
          return fail(second)
        }
      }

      if (response.type === 'opaqueredirect') {
        throw new CrossOriginError(`${method} ${summary.url} was redirected; the target cannot be checked`, {
          request: summary,
          attempts: attemptNumber,
          kind: 'redirect',
          targetOrigin: 'unknown',
        })
      }
      const location = response.headers.get('location')
      if (REDIRECT_STATUSES.has(response.status) && location !== null && !oneShot) {
        let next: URL
        try {
          next = new URL(location, url)
        } catch {
          next = url
        }
        if (next.origin !== config.base.origin) {
          await response.body?.cancel().catch(() => undefined)
          throw new CrossOriginError(
            `${method} ${summary.url} was redirected to ${next.origin}; not followed, credentials stay on ${config.base.origin}`,
            {
              request: summary,
              response: summarizeResponse(response, undefined, secrets),
              attempts: attemptNumber,
              kind: 'redirect',
              targetOrigin: next.origin,
            },
          )
        }
        if (next.href !== url.href && hop < config.maxRedirects) {
          await response.body?.cancel().catch(() => undefined)
          url = next
          continue
        }
      }

      const answeredUrl = response.url === '' ? url.href : response.url
      const summaryOf = (body: Uint8Array | undefined) =>
        summarizeResponse({ status: response.status, statusText: response.statusText, headers: response.headers, url: answeredUrl }, body, secrets)
      const success = response.status >= 200 && response.status < 300
      if (request.responseBody === 'stream' && success) {
        stopTimer()
        const raw = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
        const total = decodedLength(response.headers)
        const typed = typedErrors(raw, failure)
        const stream = request.onDownloadProgress === undefined ? typed : typed.pipeThrough(countingStream(total, request.onDownloadProgress))
        return {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          url: answeredUrl,
          body: new Uint8Array(0),
          stream,
          attempts: attemptNumber,
          earlierFailures: [],
          request: summary,
          summary: summaryOf(undefined),
        }
      }
      let body: Uint8Array
      try {
        body = await readCapped(response, config.maxResponseBytes, success ? request.onDownloadProgress : undefined)
      } catch (cause) {
        if (cause instanceof BodyTooLarge) {
          throw new ResponseTooLargeError(
            `${method} ${summary.url}: response body exceeds maxResponseBytes (${cause.limit} bytes)`,
            { request: summary, response: summaryOf(undefined), attempts: attemptNumber, limit: cause.limit, cause },
          )
        }
        return fail(cause)
      }
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        url: answeredUrl,
        body,
        stream: undefined,
        attempts: attemptNumber,
        earlierFailures: [],
        request: summary,
        summary: summaryOf(body),
      }
    }
  } finally {
    stopTimer()
  }
}
