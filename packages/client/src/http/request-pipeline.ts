import type { RequestSummary, ResponseSummary } from '@davkit/types'
import ky, { isNetworkError, type KyInstance, type Options as KyOptions } from 'ky'
import { CrossOriginError } from '../errors/cross-origin-error.ts'
import { DavkitError } from '../errors/davkit-error.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import { UnauthorizedError } from '../errors/unauthorized-error.ts'
import { parseBaseUrl } from '../paths/base-url.ts'
import { classifyFailure, type AttemptFailure } from '../retry/classify-failure.ts'
import { parseRetryAfter } from '../retry/retry-after.ts'
import { resolveRetryOptions, type ResolvedRetryOptions } from '../retry/retry-options.ts'
import { runWithRetry } from '../retry/run-with-retry.ts'
import type { DavAuth } from './auth.ts'
import { createAuthenticator, type Authenticator } from './authenticator.ts'
import { parseChallenges, type Challenge } from './challenge.ts'
import type { DavClientOptions } from './client-options.ts'
import { downloadProgressListener, type KyProgressListener, type ProgressCallback } from './progress.ts'
import type { BodySink, BodySinkFactory, ResponseHead } from './body-sink.ts'
import { BodyLimitExceeded, readBodyCapped } from './read-whole-body.ts'
import { readIntoSink, SinkFailed, type SunkBody } from './read-into-sink.ts'
import { isSensitiveHeader, redactSecrets, redactUrl } from './redact.ts'
import { isReplayable, type ContentBody } from './request-content.ts'
import { responseStream } from './response-stream.ts'
import { describeReason, isHopeless, transportReasonOf } from './transport-reason.ts'
import { EXCERPT_BYTES, summarizeRequest, summarizeResponse } from './summaries.ts'
import type { UploadProgress } from './upload-progress.ts'

/**
 * One request as a method hands it to the pipeline. `T` is what `readBody`'s sinks make of a
 * body, found in the response's `decoded`.
 */
export interface DavRequest<T = unknown> {
  /** Method name, sent upper-case (ky upper-cases only the standard ones; the pipeline does it for WebDAV verbs). */
  readonly method: string
  /** Absolute URL; it must be on the client's origin. */
  readonly url: URL
  readonly headers?: HeadersInit | undefined
  /**
   * The body. A string is sent as `application/xml; charset=utf-8` unless the headers say
   * otherwise (the methods' bodies are XML). A `ReadableStream` can be read only once: it is sent
   * once, never retried, and a redirect answering it is returned rather than followed.
   */
  readonly body?: ContentBody | undefined
  readonly signal?: AbortSignal | undefined
  /**
   * `buffer` (the default): read the whole body, bounded by `maxResponseBytes`, within the
   * timeout. `stream`: hand a 2xx body over unread in `stream`; the timeout then covers the wait
   * for the headers only, and the caller's signal aborts the body afterwards.
   */
  readonly responseBody?: 'buffer' | 'stream' | undefined
  /**
   * Reads the final answer's body, whatever its status, into a sink made for it: chunks are
   * written as they arrive, within the attempt's timeout, `maxResponseBytes` and the caller's
   * signal, and `end()`'s result becomes the response's `decoded`. The body is then never held
   * whole (`body` is empty; only its first bytes are kept, for the summary's excerpt). A sink that
   * throws has the body cancelled and the request rejected with its error, unchanged and not
   * retried. Takes precedence over `responseBody`.
   */
  readonly readBody?: BodySinkFactory<T> | undefined
  /**
   * Hears body bytes as `fetch` pulls them (streamed where the runtime can; see `PutOptions.onProgress`):
   * `uploadProgress(callback)`, which brings the code that streams a body for counting.
   */
  readonly uploadProgress?: UploadProgress | undefined
  /** The size of a stream body when the caller knows it, for upload progress. */
  readonly uploadLength?: number | undefined
  /** Hears the bytes of a 2xx body as they are read (by the caller, for `stream`). */
  readonly onDownloadProgress?: ProgressCallback | undefined
  /** `false`: one attempt, for a caller that retries by itself after asking the server what it holds (a resumed upload). */
  readonly retry?: false | undefined
  /**
   * What errors and summaries show in place of the URL, for a URL whose path is itself a
   * credential (a TUS upload URL holding a transfer token): shown as it is, so it must hold none.
   * The URL is then also removed from response body excerpts.
   */
  readonly shownAs?: string | undefined
}

/** The final response of a request: status, headers, the body, and how it was obtained. */
export interface DavResponse<T = unknown> {
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  /** The URL that answered (after same-origin redirects). */
  readonly url: string
  /** The whole body; empty when it is handed over in `stream`, read by `readBody`, or taken by `takeBody`. */
  readonly body: Uint8Array
  /**
   * Hands the buffered body over and leaves an empty one in its place, so that a method turning
   * the bytes into something else (text, then a decoded multistatus) lets them be collected rather
   * than kept alive, through the response, while the result is built. The summary's excerpt is
   * taken first, so errors made afterwards still quote the body's beginning.
   */
  takeBody(): Uint8Array
  /** What the request's `readBody` sink made of the body; `undefined` without `readBody`. */
  readonly decoded?: T | undefined
  /** The unread body of a 2xx answer to a `responseBody: 'stream'` request. */
  readonly stream?: ReadableStream<Uint8Array> | undefined
  /** Attempts made, retries included (1 when the first attempt answered). */
  readonly attempts: number
  /** The errors of earlier attempts, when the request was retried (a MOVE whose first attempt timed out...). */
  readonly earlierFailures: readonly DavkitError[]
  /** The redacted request, for errors raised from this response. */
  readonly request: RequestSummary
  /** The redacted response, for errors raised from this response. */
  readonly summary: ResponseSummary
  /**
   * Removes the credentials that were sent from text taken from the body (a decode error's
   * snippet), as the summary's excerpt has them removed; see `scrubDecodeError`.
   */
  scrub(text: string): string
}

/**
 * The one road every request takes: URL and origin check, default and per-attempt auth headers,
 * ky (its retry, timeout and HTTP errors off; `redirect: 'manual'`) for each attempt, a
 * per-attempt timeout combined with the caller's signal, same-origin redirects only, a bounded
 * body read (or the body handed over as a stream), and p-retry around it all.
 *
 * Credentials only ever go to the base URL's origin: the request URL is checked before each
 * attempt, ky is told `redirect: 'manual'` so `fetch` never follows a redirect by itself, and a
 * redirect to another origin is refused with `CrossOriginError` instead of being followed.
 */
export interface RequestPipeline {
  /** The normalised base URL (path ends with `/`). */
  readonly baseUrl: URL
  /** The per-attempt timeout, in milliseconds (`false`: none); a body read as a stream applies it to each wait for data. */
  readonly timeoutMs: number | false
  /** The client's retry options, for methods that resume by themselves through `runWithRetry`. */
  readonly retry: ResolvedRetryOptions
  /** The largest body read into memory (`maxResponseBytes`), for methods that gather a body themselves. */
  readonly maxResponseBytes: number
  /**
   * Sends a request and returns its final response, whatever its status: a status that is worth
   * retrying is retried first; deciding what a status means is the method's business.
   */
  send<T = unknown>(request: DavRequest<T>): Promise<DavResponse<T>>
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 307, 308])
const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
const EMPTY_BODY = new Uint8Array(0)

interface PipelineConfig {
  readonly base: URL
  readonly auth: DavAuth | undefined
  /** The auth, with what it has learnt from the server's challenges (Digest nonces...). */
  readonly authenticator: Authenticator | undefined
  readonly headers: Headers
  /** ky with everything that is ours turned off: no retry (p-retry is the one layer), no timeout, no HTTP errors. */
  readonly ky: KyInstance
  /** The `fetch` given in the options; `undefined`: the runtime's own, looked up at each call. */
  readonly givenFetch: typeof fetch | undefined
  readonly timeoutMs: number | false
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly crossOriginRedirects: 'refuse' | 'follow-without-credentials'
  readonly retry: ResolvedRetryOptions
  /** Set once a streamed upload failed where the same body sent whole worked (Chromium over HTTP/1.1). */
  readonly uploads: { streamingRefused: boolean }
}

/**
 * A retryable status, thrown so that p-retry tries again; it carries the response, which `send`
 * returns when no retry is left (deciding what a status means is the method's business).
 */
class RetryableStatus<T> extends HttpStatusError {
  readonly answer: DavResponse<T>
  constructor(message: string, options: ConstructorParameters<typeof HttpStatusError>[1] & { readonly answer: DavResponse<T> }) {
    super(message, options)
    this.answer = options.answer
  }
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidRequestError(`${name} must be a non-negative integer, got ${String(value)}`)
  }
  return value
}

/** Builds the pipeline from the client options. Throws `InvalidRequestError` on bad options. */
export function createRequestPipeline(options: DavClientOptions): RequestPipeline {
  const { url: base, credentials } = parseBaseUrl(options.baseUrl)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (timeoutMs !== false && !(timeoutMs > 0)) {
    throw new InvalidRequestError(`timeoutMs must be a positive number or false, got ${String(timeoutMs)}`)
  }
  const config: PipelineConfig = {
    base,
    auth: options.auth ?? credentials,
    authenticator: createAuthenticator(options.auth ?? credentials),
    headers: new Headers(options.headers),
    ky: ky.create({
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      // Looked up at each call, so a `fetch` replaced after the client was made (msw) is the one used.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    }),
    givenFetch: options.fetch,
    timeoutMs,
    maxResponseBytes: positiveInteger('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    maxRedirects: positiveInteger('maxRedirects', options.maxRedirects, 5),
    crossOriginRedirects: options.crossOriginRedirects ?? 'refuse',
    retry: resolveRetryOptions(options.retry),
    uploads: { streamingRefused: false },
  }
  return {
    baseUrl: base,
    timeoutMs,
    retry: config.retry,
    maxResponseBytes: config.maxResponseBytes,
    send: <T>(request: DavRequest<T>) => send(config, request),
  }
}

async function send<T>(config: PipelineConfig, request: DavRequest<T>): Promise<DavResponse<T>> {
  const method = request.method.toUpperCase()
  const signal = request.signal
  if (request.url.origin !== config.base.origin) {
    throw new CrossOriginError(`${method} ${shownUrl(request, request.url)} is not on ${config.base.origin}`, {
      request: summarizeRequest(method, request.url, new Headers(request.headers), undefined, request.shownAs),
      kind: 'request',
      targetOrigin: request.url.origin,
    })
  }
  const replayable = isReplayable(request.body)
  if (request.body instanceof ReadableStream && request.body.locked) {
    throw new InvalidRequestError('the body stream is locked (already being read)')
  }
  const retry: ResolvedRetryOptions = replayable && request.retry !== false ? config.retry : { ...config.retry, retries: 0 }
  if (!replayable && config.authenticator?.wantsChallengeFirst() === true) {
    // A stream can be sent once: a body-less HEAD of the same URL learns the server's challenge
    // (Basic or Digest, and its nonce) first, so that the stream is not spent on a 401. Not
    // OPTIONS: servers commonly let it through unauthenticated, for CORS preflights.
    await send(config, { method: 'HEAD', url: request.url, signal }).catch(() => undefined)
  }
  // The summary of the last request sent, made only if an abort needs it.
  let lastRequest: (() => RequestSummary) | undefined
  // The errors of attempts before the one that answered, filled in once the retries are over.
  const earlier: DavkitError[] = []
  try {
    const outcome = await runWithRetry({
      method,
      url: shownUrl(request, request.url),
      options: retry,
      signal,
      attempt: async (attemptNumber) => {
        const response = await attempt(config, method, request, replayable, attemptNumber, earlier, (summary) => {
          lastRequest = summary
        })
        if (response.status >= 400) {
          const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
          const failure: AttemptFailure = { kind: 'status', status: response.status, retryAfterMs }
          if (classifyFailure(method, failure, retry) !== 'fatal') {
            throw new RetryableStatus(`${method} ${response.summary.url}: ${response.status}`, {
              request: response.request,
              response: response.summary,
              attempts: attemptNumber,
              status: response.status,
              answer: response,
            })
          }
        }
        return response
      },
      describe: describeFailure,
    })
    const response = outcome.value
    earlier.push(...outcome.failures.filter((f): f is DavkitError => f instanceof DavkitError))
    return response
  } catch (error) {
    if (error instanceof RetryableStatus) return (error as RetryableStatus<T>).answer
    if (error instanceof DavkitError) throw error
    if (signal?.aborted === true) {
      throw new RequestAbortedError(`${method} ${shownUrl(request, request.url)} was aborted`, {
        request: lastRequest?.() ?? summarizeRequest(method, request.url, new Headers(request.headers), undefined, request.shownAs),
        cause: signal.reason,
      })
    }
    throw error
  }
}

/** The URL as errors show it: the request's `shownAs`, else redacted. */
function shownUrl(request: DavRequest<unknown>, url: URL): string {
  return request.shownAs ?? redactUrl(url)
}

/** What a failed attempt means for the retry decision, for `runWithRetry`'s `describe`. */
export function describeFailure(error: unknown): AttemptFailure {
  if (error instanceof TransportError) return { kind: 'network', hopeless: isHopeless(error.reason) }
  if (error instanceof RequestTimeoutError) return { kind: 'timeout' }
  if (error instanceof HttpStatusError) {
    return { kind: 'status', status: error.status, retryAfterMs: parseRetryAfter(error.response?.headers['retry-after']) }
  }
  if (error instanceof RequestAbortedError) return { kind: 'aborted' }
  return { kind: 'other' }
}

// A username this long is unlikely to be a common word that removing would mangle the excerpt.
const MIN_USERNAME_SECRET = 8

/**
 * What must not appear in a body excerpt should the server echo it: the value of every header auth
 * added and of every sensitive header sent (the client's default `headers` included), both whole
 * and after the scheme (`Basic xxx` -> `xxx`), and a Basic pair's raw password (and its username
 * when it is long enough not to be an ordinary word).
 */
function secretsOf(auth: DavAuth | undefined, authHeaders: Headers | undefined, sent: Headers): string[] {
  const secrets: string[] = []
  const add = (value: string): void => {
    secrets.push(value)
    const space = value.indexOf(' ')
    if (space > 0) secrets.push(value.slice(space + 1))
    // A Digest answer may come back escaped (JSON, HTML): its response hash is removed on its own too.
    if (value.startsWith('Digest ')) for (const match of value.matchAll(/\bresponse="([^"]+)"/g)) secrets.push(match[1] ?? '')
  }
  authHeaders?.forEach((value) => add(value))
  sent.forEach((value, name) => {
    if (isSensitiveHeader(name)) add(value)
  })
  if (auth !== undefined && typeof auth !== 'function' && 'password' in auth) {
    secrets.push(auth.password)
    if (auth.username.length >= MIN_USERNAME_SECRET) secrets.push(auth.username)
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...new Set(secrets)].sort((a, b) => b.length - a.length)
}

/**
 * The abort signal of one attempt: one `AbortController`, aborted by a `setTimeout` (when there is
 * a timeout) or by the caller's signal, which is forwarded to it. Cheaper than
 * `AbortSignal.timeout` + `AbortSignal.any`, which also make ky combine signals once more.
 */
interface AttemptSignal {
  readonly signal: AbortSignal
  /** Whether the timeout fired (rather than the caller aborting). */
  readonly timedOut: () => boolean
  /** Clears the timeout (a streamed body outlives it); the caller's signal still aborts. */
  readonly stopTimer: () => void
  /** Clears the timeout and stops listening to the caller's signal. */
  readonly release: () => void
}

function attemptSignal(timeoutMs: number | false, callerSignal: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController()
  let timedOut = false
  const timer =
    timeoutMs === false
      ? undefined
      : setTimeout(() => {
          timedOut = true
          controller.abort(new DOMException('The attempt timed out', 'TimeoutError'))
        }, timeoutMs)
  const stopTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer)
  }
  if (callerSignal === undefined) return { signal: controller.signal, timedOut: () => timedOut, stopTimer, release: stopTimer }
  const forward = (): void => controller.abort(callerSignal.reason)
  if (callerSignal.aborted) forward()
  else callerSignal.addEventListener('abort', forward, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    stopTimer,
    release: () => {
      stopTimer()
      callerSignal.removeEventListener('abort', forward)
    },
  }
}

/** The headers of one hop: the client's defaults, the request's own, the XML content type, then auth. */
function hopHeaders(config: PipelineConfig, request: DavRequest<unknown>, auth: Headers | undefined): Headers {
  const headers = new Headers(config.headers)
  if (request.headers !== undefined) {
    const own = request.headers instanceof Headers ? request.headers : new Headers(request.headers)
    own.forEach((value, name) => headers.set(name, value))
  }
  if (typeof request.body === 'string' && !headers.has('content-type')) {
    headers.set('content-type', 'application/xml; charset=utf-8')
  }
  auth?.forEach((value, name) => headers.set(name, value))
  return headers
}

/** The bytes of a body that can be had at once (text or bytes), for Digest `auth-int`. */
function hashableBody(body: ContentBody | undefined): Uint8Array | undefined {
  if (typeof body === 'string' || body === undefined) return new TextEncoder().encode(body)
  return body instanceof Blob || body instanceof ReadableStream ? undefined : new Uint8Array(body)
}

/** Removes what may be a credential from the headers of a hop to another origin. */
function withoutCredentials(headers: Headers): void {
  const names: string[] = []
  headers.forEach((_, name) => {
    if (isSensitiveHeader(name) || name === 'cookie') names.push(name)
  })
  for (const name of names) headers.delete(name)
}

/** Calls `make` the first time the result is asked for, then gives the same result. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}

/**
 * One attempt, following same-origin redirects (unless the body cannot be replayed), then
 * reading the whole body within the timeout or handing a 2xx body over as a stream.
 *
 * The redacted summaries of the request and the response are made only when something reads
 * them (an error, mostly): the response's `request` and `summary` are getters that make them once.
 */
async function attempt<T>(
  config: PipelineConfig,
  method: string,
  request: DavRequest<T>,
  replayable: boolean,
  attemptNumber: number,
  earlier: readonly DavkitError[],
  onRequest: (summary: () => RequestSummary) => void,
): Promise<DavResponse<T>> {
  const aborts = attemptSignal(config.timeoutMs, request.signal)
  const signal = aborts.signal
  // A streamed answer's body is still read after the attempt: the caller's signal must reach it.
  let streamed = false
  let url = request.url
  // Set once the request was repeated after a 401: the challenges of that 401.
  let refused: readonly Challenge[] | undefined
  // Set once a redirect led to another origin (when allowed): no credentials from then on.
  let abroad = false
  try {
    for (let hop = 0; ; hop++) {
      const auth =
        config.authenticator === undefined || abroad
          ? undefined
          : await config.authenticator.headers({
              method,
              url,
              attempt: attemptNumber,
              signal: request.signal,
              body: () => hashableBody(request.body),
              refused,
            })
      const headers = hopHeaders(config, request, auth)
      if (abroad) withoutCredentials(headers)
      const hopUrl = url
      const authNames = new Set<string>()
      auth?.forEach((_, name) => authNames.add(name))
      const requestSummary = once(() => summarizeRequest(method, hopUrl, headers, authNames, request.shownAs))
      onRequest(requestSummary)
      // Needed only when a response summary is made (errors, mostly): gathered then, not per hop.
      const secrets = once(() => {
        const sent = secretsOf(config.auth, auth, headers)
        // A URL shown otherwise is a credential: a body echoing it does not show it either.
        return request.shownAs === undefined ? sent : [...sent, hopUrl.href, hopUrl.pathname]
      })

      const failure = (cause: unknown): DavkitError => {
        const summary = requestSummary()
        if (aborts.timedOut() && request.signal?.aborted !== true) {
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
        // ky wraps what it recognises as a network failure in its NetworkError, which holds the
        // Request, credentials included: keep the runtime's own error as the cause instead.
        const own = isNetworkError(cause) ? cause.cause : cause
        const reason = transportReasonOf(own)
        const port = hopUrl.port === '' ? (hopUrl.protocol === 'https:' ? 443 : 80) : Number(hopUrl.port)
        return new TransportError(`${method} ${summary.url} failed: ${describeReason(reason)} (${hopUrl.hostname}:${port})`, {
          request: summary,
          attempts: attemptNumber,
          reason,
          host: hopUrl.hostname,
          port,
          cause: own,
        })
      }

      // ky counts the answer's bytes as they are read, which is only once it has been handed over.
      let answered: Response | undefined
      const download =
        request.onDownloadProgress === undefined ? undefined : downloadProgressListener(request.onDownloadProgress, () => answered)
      let response: Response
      try {
        response = await kyAttempt(config, method, url, headers, request, signal, !config.uploads.streamingRefused, download)
      } catch (cause) {
        if (cause instanceof DavkitError) throw cause
        // Chromium knows `duplex` but streams request bodies over HTTP/2 only: the fetch fails at
        // once. A body turned into a stream for progress is then sent whole, and later uploads of
        // this client are not streamed again.
        const progress = request.uploadProgress
        const converted = progress !== undefined && request.body !== undefined && replayable
        if (!converted || config.uploads.streamingRefused || signal.aborted || !progress.canStream()) throw failure(cause)
        try {
          response = await kyAttempt(config, method, url, headers, request, signal, false, download)
          config.uploads.streamingRefused = true
        } catch (second) {
          if (second instanceof DavkitError) throw second
          throw failure(second)
        }
      }

      answered = response
      if (response.type === 'opaqueredirect') {
        throw new CrossOriginError(`${method} ${requestSummary().url} was redirected; the target cannot be checked`, {
          request: requestSummary(),
          attempts: attemptNumber,
          kind: 'redirect',
          targetOrigin: 'unknown',
        })
      }
      const authenticator = config.authenticator
      if (authenticator !== undefined && response.status === 401 && !abroad) {
        const decision = authenticator.challenged(response, headers.get('authorization'), refused !== undefined)
        if (decision === 'refused') {
          await response.body?.cancel().catch(() => undefined)
          const challenges = parseChallenges(response.headers.get('www-authenticate'))
          throw new UnauthorizedError(`${method} ${requestSummary().url}: 401 again`, {
            request: requestSummary(),
            response: summarizeResponse(response, undefined, secrets(), request.shownAs),
            attempts: attemptNumber,
            challenges,
          })
        }
        if (decision === 'repeat' && replayable) {
          await response.body?.cancel().catch(() => undefined)
          refused = parseChallenges(response.headers.get('www-authenticate'))
          continue
        }
      } else if (!abroad) {
        authenticator?.answered(response)
      }
      if (REDIRECT_STATUSES.has(response.status) && replayable) {
        const location = response.headers.get('location')
        if (location !== null) {
          let next: URL
          try {
            next = new URL(location, url)
          } catch {
            next = url
          }
          const mayLeave = config.crossOriginRedirects === 'follow-without-credentials' && !headers.has('destination')
          if (next.origin !== config.base.origin && mayLeave && hop < config.maxRedirects) {
            await response.body?.cancel().catch(() => undefined)
            abroad = true
            url = next
            continue
          }
          if (next.origin !== config.base.origin && !mayLeave) {
            await response.body?.cancel().catch(() => undefined)
            throw new CrossOriginError(
              `${method} ${requestSummary().url} was redirected to ${next.origin}; not followed, credentials stay on ${config.base.origin}`,
              {
                request: requestSummary(),
                response: summarizeResponse(response, undefined, secrets(), request.shownAs),
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
      }

      const answeredUrl = response.url === '' ? url.href : response.url
      const head = { status: response.status, statusText: response.statusText, headers: response.headers, url: answeredUrl }
      const success = response.status >= 200 && response.status < 300
      if (request.responseBody === 'stream' && success) {
        aborts.stopTimer()
        streamed = true
        const stream = responseStream(response, failure)
        return answer(head, new Uint8Array(0), stream, attemptNumber, earlier, requestSummary, secrets, request.shownAs)
      }
      let body: Uint8Array
      let sunk: SunkBody<T> | undefined
      try {
        if (method === 'HEAD' || response.status === 204 || response.status === 304) {
          // No body, whatever Content-Length says (a HEAD's is the file's, which may pass maxResponseBytes).
          await response.body?.cancel().catch(() => undefined)
          body = EMPTY_BODY
        } else if (request.readBody === undefined) {
          body = await readBodyCapped(response, config.maxResponseBytes)
        } else {
          let sink: BodySink<T>
          try {
            sink = request.readBody(head)
          } catch (error) {
            await response.body?.cancel().catch(() => undefined)
            throw new SinkFailed(error)
          }
          sunk = await readIntoSink(response, sink, config.maxResponseBytes, EXCERPT_BYTES)
          body = new Uint8Array(0)
        }
      } catch (cause) {
        if (cause instanceof SinkFailed) throw cause.error
        if (cause instanceof BodyLimitExceeded) {
          throw new ResponseTooLargeError(
            `${method} ${requestSummary().url}: response body exceeds maxResponseBytes (${cause.limit} bytes)`,
            {
              request: requestSummary(),
              response: summarizeResponse(head, undefined, secrets(), request.shownAs),
              attempts: attemptNumber,
              limit: cause.limit,
              cause,
            },
          )
        }
        throw failure(cause)
      }
      if (sunk !== undefined) return answer(head, body, undefined, attemptNumber, earlier, requestSummary, secrets, request.shownAs, sunk)
      return answer(head, body, undefined, attemptNumber, earlier, requestSummary, secrets, request.shownAs)
    }
  } finally {
    if (streamed) aborts.stopTimer()
    else aborts.release()
  }
}

/**
 * The response of an attempt. Its `request` and `summary` are made when first read, the body
 * excerpt from the body as it was then (`takeBody` has the summary made before it takes a long body
 * away).
 */
function answer<T>(
  head: ResponseHead,
  body: Uint8Array,
  stream: ReadableStream<Uint8Array> | undefined,
  attemptNumber: number,
  earlierFailures: readonly DavkitError[],
  requestSummary: () => RequestSummary,
  secrets: () => readonly string[],
  shownAs: string | undefined,
  sunk?: SunkBody<T>,
): DavResponse<T> {
  let excerptOf: Uint8Array | undefined = sunk !== undefined ? sunk.head : stream === undefined ? body : undefined
  const responseSummary = once(() => {
    const summary = summarizeResponse(head, excerptOf, secrets(), shownAs)
    excerptOf = undefined
    return summary
  })
  let held = body
  return {
    status: head.status,
    statusText: head.statusText,
    headers: head.headers,
    url: head.url,
    get body() {
      return held
    },
    takeBody() {
      const taken = held
      if (taken.byteLength > EXCERPT_BYTES) responseSummary()
      held = EMPTY_BODY
      return taken
    },
    stream,
    decoded: sunk?.decoded,
    attempts: attemptNumber,
    earlierFailures,
    get request() {
      return requestSummary()
    },
    get summary() {
      return responseSummary()
    },
    scrub: (text) => redactSecrets(text, secrets()),
  }
}

/**
 * One attempt through ky, which calls `fetch` once with a `Request` carrying the whole request
 * (method, URL, headers, body, `redirect: 'manual'`, signal, `duplex: 'half'` where the runtime
 * knows it). ky counts upload progress as `fetch` pulls a streamed body, and download progress as
 * the answer is read. `mayStream: false` sends a replayable body whole even when progress is
 * wanted (ky is then not asked to count it: it would stream the body to do so).
 */
async function kyAttempt(
  config: PipelineConfig,
  method: string,
  url: URL,
  headers: Headers,
  request: DavRequest,
  signal: AbortSignal,
  mayStream: boolean,
  onDownloadProgress: KyProgressListener | undefined,
): Promise<Response> {
  const progress = request.uploadProgress
  const given = request.body
  const { body, streamed } =
    given === undefined
      ? { body: undefined, streamed: false }
      : given instanceof ReadableStream
        ? { body: given, streamed: true }
        : progress === undefined
          ? { body: given instanceof Uint8Array ? (given as Uint8Array<ArrayBuffer>) : given, streamed: false }
          : await progress.attemptBody(given, mayStream)
  // The hop's headers are also its summary's: a Content-Length added for a stream goes on a copy.
  const sent = streamed ? new Headers(headers) : headers
  const options: KyOptions & { duplex?: 'half' } = { method, headers: sent }
  if (!streamed) {
    // A whole body and the attempt's signal go to fetch with the Request ky built (its method, URL
    // and headers). Given to ky, the signal would be combined with ky's own (AbortSignal.any), and
    // the body made a stream that fetch pipes through a copy of its own and ky then tries to
    // cancel. ky's own signal never fires here, its timeout and retry being off. The runtime's
    // fetch takes them as its init; a fetch given in the options gets them on a Request, where a
    // fetch of its own may look for them alone. A streamed body (progress, or a stream) still goes
    // through ky, with the signal.
    const given = config.givenFetch
    const init: RequestInit = body === undefined ? { signal } : { signal, body }
    options.fetch =
      given === undefined
        ? (input, kyInit) => globalThis.fetch(input, { ...kyInit, ...init })
        : (input, kyInit) => given(new Request(input, init), kyInit)
  } else {
    options.signal = signal
    if (body !== undefined) options.body = body
  }
  if (streamed) {
    options.duplex = 'half'
    if (progress !== undefined) options.onUploadProgress = progress.listener(request.body, request.uploadLength, sent)
  }
  if (onDownloadProgress !== undefined) options.onDownloadProgress = onDownloadProgress
  return await config.ky(url, options)
}
