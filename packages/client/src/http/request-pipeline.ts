import type { RequestSummary, ResponseSummary } from '@davkit/types'
import ky, { type KyInstance } from 'ky'
import { CrossOriginError } from '../errors/cross-origin-error.ts'
import { DavkitError } from '../errors/davkit-error.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import { parseBaseUrl } from '../paths/base-url.ts'
import type { AttemptFailure } from '../retry/classify-failure.ts'
import { classifyFailure } from '../retry/classify-failure.ts'
import { parseRetryAfter } from '../retry/retry-after.ts'
import { resolveRetryOptions, type ResolvedRetryOptions } from '../retry/retry-options.ts'
import { runWithRetry } from '../retry/run-with-retry.ts'
import { resolveAuthHeaders, type DavAuth } from './auth.ts'
import type { DavClientOptions } from './client-options.ts'
import { BodyLimitExceeded, readBodyCapped } from './read-body.ts'
import { redactUrl } from './redact.ts'
import { summarizeRequest, summarizeResponse } from './summaries.ts'

/** One request as a method hands it to the pipeline. */
export interface DavRequest {
  /** Upper-case method name (ky upper-cases only the standard ones). */
  readonly method: string
  /** Absolute URL; it must be on the client's origin. */
  readonly url: URL
  readonly headers?: HeadersInit | undefined
  /** An XML body, sent as `application/xml; charset=utf-8` unless the headers say otherwise. */
  readonly body?: string | undefined
  readonly signal?: AbortSignal | undefined
}

/** The final response of a request: status, headers, the whole body, and how it was obtained. */
export interface DavResponse {
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  /** The URL that answered (after same-origin redirects). */
  readonly url: string
  readonly body: Uint8Array
  /** Attempts made, retries included (1 when the first attempt answered). */
  readonly attempts: number
  /** The errors of earlier attempts, when the request was retried (a MOVE whose first attempt timed out...). */
  readonly earlierFailures: readonly DavkitError[]
  /** The redacted request, for errors raised from this response. */
  readonly request: RequestSummary
  /** The redacted response, for errors raised from this response. */
  readonly summary: ResponseSummary
}

/**
 * The one road every request takes: URL and origin check, default and per-attempt auth headers,
 * ky with its retry off, a per-attempt timeout combined with the caller's signal, same-origin
 * redirects only, a bounded body read, and p-retry around it all.
 *
 * Credentials only ever go to the base URL's origin: the request URL is checked before each
 * attempt, ky is told `redirect: 'manual'` so `fetch` never follows a redirect by itself, and a
 * redirect to another origin is refused with `CrossOriginError` instead of being followed.
 */
export interface RequestPipeline {
  /** The normalised base URL (path ends with `/`). */
  readonly baseUrl: URL
  /**
   * Sends a request and returns its final response, whatever its status: a status that is worth
   * retrying is retried first; deciding what a status means is the method's business.
   */
  send(request: DavRequest): Promise<DavResponse>
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 307, 308])
const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

interface PipelineConfig {
  readonly base: URL
  readonly auth: DavAuth | undefined
  readonly headers: Headers
  readonly ky: KyInstance
  readonly timeoutMs: number | false
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly retry: ResolvedRetryOptions
}

/** Errors that carry the response of a retryable status, so the last one can be returned. */
const retryableResponses = new WeakMap<object, DavResponse>()

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
    headers: new Headers(options.headers),
    ky: ky.create({
      retry: 0,
      throwHttpErrors: false,
      timeout: false,
      redirect: 'manual',
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    }),
    timeoutMs,
    maxResponseBytes: positiveInteger('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    maxRedirects: positiveInteger('maxRedirects', options.maxRedirects, 5),
    retry: resolveRetryOptions(options.retry),
  }
  return {
    baseUrl: base,
    send: (request) => send(config, request),
  }
}

async function send(config: PipelineConfig, request: DavRequest): Promise<DavResponse> {
  const method = request.method.toUpperCase()
  const signal = request.signal
  if (request.url.origin !== config.base.origin) {
    throw new CrossOriginError(`${method} ${redactUrl(request.url)} is not on ${config.base.origin}`, {
      request: summarizeRequest(method, request.url, new Headers(request.headers)),
      kind: 'request',
      targetOrigin: request.url.origin,
    })
  }
  let lastRequest: RequestSummary = summarizeRequest(method, request.url, new Headers(request.headers))
  try {
    const outcome = await runWithRetry({
      method,
      url: redactUrl(request.url),
      options: config.retry,
      signal,
      attempt: async (attemptNumber) => {
        const response = await attempt(config, method, request, attemptNumber, (summary) => {
          lastRequest = summary
        })
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
        const failure: AttemptFailure = { kind: 'status', status: response.status, retryAfterMs }
        if (response.status >= 400 && classifyFailure(method, failure, config.retry) !== 'fatal') {
          const error = new HttpStatusError(`${method} ${response.summary.url}: ${response.status}`, {
            request: response.request,
            response: response.summary,
            attempts: attemptNumber,
            status: response.status,
          })
          retryableResponses.set(error, response)
          throw error
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
    if (signal?.aborted === true) {
      throw new RequestAbortedError(`${method} ${redactUrl(request.url)} was aborted`, {
        request: lastRequest,
        cause: signal.reason,
      })
    }
    throw error
  }
}

function describeFailure(error: unknown): AttemptFailure {
  if (error instanceof TransportError) return { kind: 'network' }
  if (error instanceof RequestTimeoutError) return { kind: 'timeout' }
  if (error instanceof HttpStatusError) {
    return { kind: 'status', status: error.status, retryAfterMs: parseRetryAfter(error.response?.headers['retry-after']) }
  }
  if (error instanceof RequestAbortedError) return { kind: 'aborted' }
  return { kind: 'other' }
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

/** One attempt, following same-origin redirects, reading the whole body within the timeout. */
async function attempt(
  config: PipelineConfig,
  method: string,
  request: DavRequest,
  attemptNumber: number,
  onRequest: (summary: RequestSummary) => void,
): Promise<DavResponse> {
  const timeoutSignal = config.timeoutMs === false ? undefined : AbortSignal.timeout(config.timeoutMs)
  const signals = [request.signal, timeoutSignal].filter((s): s is AbortSignal => s !== undefined)
  const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals)
  let url = request.url
  for (let hop = 0; ; hop++) {
    const auth = await resolveAuthHeaders(config.auth, {
      method,
      url: url.href,
      attempt: attemptNumber,
      signal: request.signal,
    })
    const headers = new Headers(config.headers)
    new Headers(request.headers).forEach((value, name) => headers.set(name, value))
    if (request.body !== undefined && !headers.has('content-type')) {
      headers.set('content-type', 'application/xml; charset=utf-8')
    }
    auth.forEach((value, name) => headers.set(name, value))
    const summary = summarizeRequest(method, url, headers)
    onRequest(summary)
    const secrets = secretsOf(auth)

    const fail = (cause: unknown): never => {
      if (timeoutSignal?.aborted === true && request.signal?.aborted !== true) {
        throw new RequestTimeoutError(`${method} ${summary.url} timed out after ${String(config.timeoutMs)} ms`, {
          request: summary,
          attempts: attemptNumber,
          timeoutMs: config.timeoutMs === false ? 0 : config.timeoutMs,
          cause,
        })
      }
      if (request.signal?.aborted === true) {
        throw new RequestAbortedError(`${method} ${summary.url} was aborted`, {
          request: summary,
          attempts: attemptNumber,
          cause: request.signal.reason,
        })
      }
      throw new TransportError(`${method} ${summary.url} failed: no HTTP response`, {
        request: summary,
        attempts: attemptNumber,
        cause,
      })
    }

    let response: Response
    try {
      response = await config.ky(url, {
        method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(signal === undefined ? {} : { signal }),
      })
    } catch (cause) {
      return fail(cause)
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
    if (REDIRECT_STATUSES.has(response.status) && location !== null) {
      await response.body?.cancel().catch(() => undefined)
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        next = url
      }
      const responseSummary = summarizeResponse(response, undefined, secrets)
      if (next.origin !== config.base.origin) {
        throw new CrossOriginError(
          `${method} ${summary.url} was redirected to ${next.origin}; not followed, credentials stay on ${config.base.origin}`,
          { request: summary, response: responseSummary, attempts: attemptNumber, kind: 'redirect', targetOrigin: next.origin },
        )
      }
      if (next.href !== url.href && hop < config.maxRedirects) {
        url = next
        continue
      }
    }

    let body: Uint8Array
    try {
      body = await readBodyCapped(response, config.maxResponseBytes)
    } catch (cause) {
      if (cause instanceof BodyLimitExceeded) {
        throw new ResponseTooLargeError(
          `${method} ${summary.url}: response body exceeds maxResponseBytes (${cause.limit} bytes)`,
          {
            request: summary,
            response: summarizeResponse(response, undefined, secrets),
            attempts: attemptNumber,
            limit: cause.limit,
            cause,
          },
        )
      }
      return fail(cause)
    }
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url === '' ? url.href : response.url,
      body,
      attempts: attemptNumber,
      earlierFailures: [],
      request: summary,
      summary: summarizeResponse(
        { status: response.status, statusText: response.statusText, headers: response.headers, url: response.url || url.href },
        body,
        secrets,
      ),
    }
  }
}
