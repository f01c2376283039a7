import type { ContentChangeReason, ContentRange, DownloadResumability, ResumeValidator } from '@davkit/types'
import { ContentChangedError } from '../errors/content-changed-error.ts'
import { RequestAbortedError } from '../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import type { ProgressCallback } from '../http/progress.ts'
import { readWithin } from '../http/read-within.ts'
import { redactUrl } from '../http/redact.ts'
import { describeFailure, type DavResponse } from '../http/request-pipeline.ts'
import { classifyFailure } from '../retry/classify-failure.ts'
import { parseRetryAfter } from '../retry/retry-after.ts'
import { runWithRetry } from '../retry/run-with-retry.ts'
import { integerHeader } from './content-outcomes.ts'
import { parseContentRange } from './content-range.ts'
import type { MethodContext } from './method-context.ts'
import { readResponseBody, statusError } from './read-dav-answer.ts'
import { resumabilityOf } from './resume-validator.ts'

/** What a {@link ResumableBody} needs besides the first answer. */
export interface ResumableBodyOptions {
  readonly context: MethodContext
  readonly url: URL
  /** The headers of the first request, without `Range`. */
  readonly headers: Headers
  /** The `Range` the caller asked for, if any: a restart asks for it again. */
  readonly range: string | undefined
  readonly signal: AbortSignal | undefined
  /** Failed attempts in a row without progress before giving up. */
  readonly retries: number
  readonly onChange: 'fail' | 'restart'
  readonly onProgress: ProgressCallback | undefined
  /**
   * The caller reads the body whole and can drop what it has: a body that cannot be resumed (no
   * strong validator) is then read again from its start after a dropped connection, as a plain
   * GET's retry would.
   */
  readonly wholeBody: boolean
}

/** One step of reading: bytes for the caller, the end, or a new version whose bytes start over. */
export type ResumableRead =
  | { readonly kind: 'data'; readonly chunk: Uint8Array }
  | { readonly kind: 'end' }
  | { readonly kind: 'restart'; readonly response: DavResponse }

/** Which bytes of which version the body is made of: absolute offsets in the file, `end` inclusive. */
interface Version {
  readonly start: number
  /** The last byte asked for, or undefined: to the end of the file. */
  readonly end: number | undefined
  /** The length of the whole file, when known. */
  readonly total: number | undefined
  readonly resumability: DownloadResumability
}

/** The `Content-Range` of a 206, when it names a range. */
function contentRangeOf(response: DavResponse): ContentRange | undefined {
  const range = parseContentRange(response.headers.get('content-range'))
  return range !== undefined && 'start' in range ? range : undefined
}

function versionOf(response: DavResponse): Version {
  const resumability = resumabilityOf(response.headers)
  const range = response.status === 206 ? contentRangeOf(response) : undefined
  if (range !== undefined) return { start: range.start, end: range.end, total: range.total, resumability }
  return { start: 0, end: undefined, total: integerHeader(response, 'content-length'), resumability }
}

/** The answer to a resumed request, once its first bytes have arrived. */
type Resumed = { readonly kind: 'resumed' } | { readonly kind: 'restart'; readonly response: DavResponse }

/**
 * The body of a GET that continues after a dropped connection: when reading fails (the connection
 * is lost, or a wait for more bytes outlasts the per-attempt timeout), the rest is asked for with
 * `Range: bytes=<delivered>-` and `If-Range` on the validator the first answer carried, and read on.
 *
 * Nothing is spliced: every `206` must start where delivery stopped, end where asked, name the same
 * length and, when it carries one, the same validator; a `200` (a new version, or a server that
 * ignores `Range`), a `416` or a `404` means the same bytes cannot be had, and the body fails with
 * a {@link ContentChangedError} or, when the caller reads it whole and allows it, starts over.
 *
 * Reading is pulled by the caller: one chunk at a time, never ahead, so memory holds at most the
 * chunk being handed over. Attempts to continue go through `runWithRetry` with the client's retry
 * options and back-off; the budget counts attempts in a row without a byte of progress. The
 * caller's signal stops everything at once, a wait between attempts included.
 */
export class ResumableBody {
  private readonly options: ResumableBodyOptions
  /** The answer being read (its request summary goes into errors). */
  private response: DavResponse
  /** The answer that began the current version: the first, or the one a restart began with. */
  private began: DavResponse
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  private version: Version
  /** Bytes of the current version handed to the caller. */
  private delivered = 0
  /** Bytes read from the current answer. */
  private fromAnswer = 0
  /** The first chunk of a resumed answer, read before the attempt counts as a success. */
  private pending: Uint8Array | undefined
  private lastFailure: unknown
  private restarts = 0
  private finished = false

  /** @param first a 200 or 206 answer whose body was handed over unread */
  constructor(first: DavResponse, options: ResumableBodyOptions) {
    this.options = options
    this.response = first
    this.began = first
    this.version = versionOf(first)
    this.reader = first.stream?.getReader()
  }

  /** Whether the body can continue after a dropped connection, and on which validator. */
  get resumability(): DownloadResumability {
    return this.version.resumability
  }

  /** The answer that began the version being read: the first, or after a restart the new version's. */
  get current(): DavResponse {
    return this.began
  }

  /** The next step: bytes, the end, or a restart. Rejects with the failure that ends the body. */
  async read(): Promise<ResumableRead> {
    for (;;) {
      if (this.finished) return { kind: 'end' }
      const pending = this.pending
      if (pending !== undefined) {
        this.pending = undefined
        return this.deliver(pending)
      }
      const reader = this.reader
      if (reader === undefined) {
        const resumed = await this.resume()
        if (resumed.kind === 'restart') return resumed
        continue
      }
      let next: ReadableStreamReadResult<Uint8Array>
      try {
        next = await readWithin(reader, this.options.context.pipeline.timeoutMs, this.response)
      } catch (error) {
        this.lost(error)
        continue
      }
      if (next.done) {
        this.finished = true
        return { kind: 'end' }
      }
      if (next.value.byteLength > 0) return this.deliver(next.value)
    }
  }

  /** Stops reading and frees the connection. */
  async cancel(reason?: unknown): Promise<void> {
    this.finished = true
    this.pending = undefined
    const reader = this.reader
    this.reader = undefined
    await reader?.cancel(reason).catch(() => undefined)
  }

  /** The length of the bytes asked for, when known. */
  private expectedLength(): number | undefined {
    const { start, end, total } = this.version
    if (end !== undefined) return end - start + 1
    return total === undefined ? undefined : total - start
  }

  private deliver(chunk: Uint8Array): ResumableRead {
    this.delivered += chunk.byteLength
    this.fromAnswer += chunk.byteLength
    this.options.onProgress?.({ loaded: this.delivered, total: this.expectedLength() })
    return { kind: 'data', chunk }
  }

  /** Reading the current answer failed: throws when that ends the body, else leaves it to `resume`. */
  private lost(error: unknown): void {
    const reader = this.reader
    this.reader = undefined
    reader?.cancel().catch(() => undefined)
    if (this.options.signal?.aborted === true) throw this.aborted(error)
    const expected = this.expectedLength()
    if (expected !== undefined && this.delivered >= expected) {
      // Everything asked for arrived; only the end of the answer was lost.
      this.finished = true
      return
    }
    if (!(error instanceof TransportError || error instanceof RequestTimeoutError)) throw error
    if (!this.version.resumability.resumable && !this.options.wholeBody) throw error
    this.lastFailure = error
  }

  private aborted(cause: unknown): RequestAbortedError {
    if (cause instanceof RequestAbortedError) return cause
    return new RequestAbortedError(`GET ${redactUrl(this.options.url)} was aborted`, {
      request: this.response.request,
      cause: this.options.signal?.reason ?? cause,
    })
  }

  /** Continues on a new connection, through the retry layer. */
  private async resume(): Promise<Resumed> {
    const { context, signal } = this.options
    const resumable = this.version.resumability.resumable
    // Continuing: a failure before a byte of this answer arrived already spent an attempt of the
    // budget. Starting over throws the progress away, so every start counts, as a plain GET's retries do.
    const retries = resumable ? this.options.retries - (this.fromAnswer === 0 ? 1 : 0) : this.options.retries - this.restarts - 1
    if (retries < 0) throw this.lastFailure
    try {
      const outcome = await runWithRetry({
        method: 'GET',
        url: redactUrl(this.options.url),
        options: { ...context.pipeline.retry, retries },
        signal,
        attempt: () => (resumable ? this.resumeOnce() : this.startOver()),
        describe: describeFailure,
      })
      return outcome.value
    } catch (error) {
      if (signal?.aborted === true) throw this.aborted(error)
      throw error
    }
  }

  /** One attempt: the rest of the same version, checked, and its first bytes read. */
  private async resumeOnce(): Promise<Resumed> {
    const validator = this.validator()
    const { start, end } = this.version
    const headers = new Headers(this.options.headers)
    headers.set('range', `bytes=${start + this.delivered}-${end ?? ''}`)
    headers.set('if-range', validator.value)
    const response = await this.send(headers)
    let range: ContentRange | undefined
    if (response.status === 206) {
      const mismatch = this.mismatchOf(response, validator)
      if (mismatch !== undefined) return this.changed(response, validator, mismatch)
      range = contentRangeOf(response)
    } else if (response.status === 200) {
      const found = validatorIn(response, validator)
      return this.changed(response, validator, found === undefined || found === validator.value ? 'range-ignored' : 'changed')
    } else if (response.status === 416) {
      return this.changed(response, validator, 'range-not-satisfiable')
    } else if (response.status === 404 || response.status === 410) {
      return this.changed(response, validator, 'gone')
    } else {
      throw statusError(response, readResponseBody(response))
    }
    const reader = response.stream?.getReader()
    if (reader === undefined || range === undefined) return this.changed(response, validator, 'range-mismatch')
    let first: ReadableStreamReadResult<Uint8Array>
    try {
      first = await readWithin(reader, this.options.context.pipeline.timeoutMs, response)
    } catch (error) {
      reader.cancel().catch(() => undefined)
      throw error
    }
    if (first.done || first.value.byteLength === 0) {
      reader.cancel().catch(() => undefined)
      return this.changed(response, validator, 'range-mismatch')
    }
    if (this.finished) {
      // Cancelled while this attempt was under way: free the new connection too.
      reader.cancel().catch(() => undefined)
      return { kind: 'resumed' }
    }
    this.response = response
    this.reader = reader
    this.fromAnswer = 0
    this.pending = first.value
    if (this.version.total === undefined && range.total !== undefined) this.version = { ...this.version, total: range.total }
    return { kind: 'resumed' }
  }

  /** One attempt to read a body that cannot be resumed again from its start (a body read whole only). */
  private async startOver(): Promise<Resumed> {
    const headers = new Headers(this.options.headers)
    if (this.options.range !== undefined) headers.set('range', this.options.range)
    this.restarts += 1
    const fresh = await this.send(headers)
    if (fresh.status !== 200 && fresh.status !== 206) throw statusError(fresh, readResponseBody(fresh))
    return this.adopt(fresh)
  }

  /** Reads a new version (or the same one again) from its start: what was delivered is to be dropped. */
  private adopt(fresh: DavResponse): Resumed {
    this.response = fresh
    this.began = fresh
    this.reader = fresh.stream?.getReader()
    this.version = versionOf(fresh)
    this.delivered = 0
    this.fromAnswer = 0
    this.pending = undefined
    this.options.onProgress?.({ loaded: 0, total: this.expectedLength() })
    return { kind: 'restart', response: fresh }
  }

  /**
   * One request with no retry of its own (the retry layer is around the attempt): a status worth
   * retrying is thrown as an error the layer classifies, with its `Retry-After`.
   */
  private async send(headers: Headers): Promise<DavResponse> {
    const response = await this.options.context.pipeline.send({
      method: 'GET',
      url: this.options.url,
      headers,
      signal: this.options.signal,
      responseBody: 'stream',
      retry: false,
    })
    if (response.status >= 400) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
      const failure = { kind: 'status' as const, status: response.status, retryAfterMs }
      if (classifyFailure('GET', failure, this.options.context.pipeline.retry) !== 'fatal')
        throw statusError(response, readResponseBody(response))
    }
    return response
  }

  private validator(): ResumeValidator {
    const resumability = this.version.resumability
    if (!resumability.resumable) throw this.lastFailure
    return resumability.validator
  }

  /** Why a 206 is not the rest of the same version, or undefined when it is. */
  private mismatchOf(response: DavResponse, validator: ResumeValidator): ContentChangeReason | undefined {
    const found = validatorIn(response, validator)
    if (found !== undefined && found !== validator.value) return 'changed'
    const range = contentRangeOf(response)
    if (range === undefined) return 'range-mismatch'
    const { start, end, total } = this.version
    if (range.start !== start + this.delivered) return 'range-mismatch'
    if (total !== undefined && range.total !== undefined && range.total !== total) return 'changed'
    const lastByte = end ?? (total === undefined ? undefined : total - 1)
    if (lastByte !== undefined && range.end !== lastByte) return 'range-mismatch'
    return undefined
  }

  /** The same bytes cannot be had: start over when allowed, else fail typed. */
  private async changed(response: DavResponse, validator: ResumeValidator, reason: ContentChangeReason): Promise<Resumed> {
    // Asked for by the caller, a restart on a change is made at least once, whatever the retries.
    if (reason !== 'gone' && this.options.onChange === 'restart' && this.restarts < Math.max(1, this.options.retries)) {
      this.restarts += 1
      const asWhole = response.status === 200 && this.options.range === undefined
      let fresh = response
      if (!asWhole) {
        // Not awaited: a cancel may settle only once the connection is gone, and nothing waits on it.
        response.stream?.cancel().catch(() => undefined)
        const headers = new Headers(this.options.headers)
        if (this.options.range !== undefined) headers.set('range', this.options.range)
        fresh = await this.send(headers)
        if (fresh.status !== 200 && fresh.status !== 206) throw statusError(fresh, readResponseBody(fresh))
      }
      return this.adopt(fresh)
    }
    response.stream?.cancel().catch(() => undefined)
    const found = validatorIn(response, validator)
    throw new ContentChangedError(
      `GET ${response.request.url}: cannot continue after ${this.delivered} bytes (${reason}; expected ${validator.kind} ${validator.value}, found ${found ?? 'none'}, status ${response.status})`,
      {
        request: response.request,
        response: response.summary,
        attempts: response.attempts,
        reason,
        expected: validator,
        found,
        delivered: this.delivered,
        status: response.status,
      },
    )
  }
}

/** The answer's validator of the same kind as the one sent (`ETag` or `Last-Modified`), if it has one. */
function validatorIn(response: DavResponse, validator: ResumeValidator): string | undefined {
  return response.headers.get(validator.kind === 'etag' ? 'etag' : 'last-modified')?.trim() ?? undefined
}
