import type { GetResult } from '@davkit/types'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { ProgressCallback } from '../http/progress.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { decodeBodyText } from '../xml/text-from-bytes.ts'
import { entityHeadersOf, integerHeader } from './content-outcomes.ts'
import { parseContentRange } from './content-range.ts'
import type { MethodContext } from './method-context.ts'
import { readResponseBody, statusError } from './read-dav-answer.ts'
import { resumedGet, resumeSettings } from './resumable-get.ts'
import type { GetResume } from './resume-options.ts'

/** A byte range: from `start` to `end` inclusive (to the end when omitted), or the last `suffix` bytes. */
export type ByteRange = { readonly start: number; readonly end?: number } | { readonly suffix: number }

/** How a GET body is handed over. */
export type GetBodyKind = 'bytes' | 'text' | 'stream'

/** What each {@link GetBodyKind} gives. */
export interface GetBodyTypes {
  bytes: Uint8Array
  text: string
  stream: ReadableStream<Uint8Array>
}

/** Options of a GET. */
export interface GetOptions<K extends GetBodyKind = 'bytes'> extends RequestOptions {
  /**
   * `bytes` (the default) and `text` read the whole body (bounded by `maxResponseBytes`; text is
   * decoded by the rule every answer is read with: a byte order mark, else the `charset` of
   * `Content-Type`, else an XML declaration's encoding, else UTF-8). `stream` hands over the web
   * `ReadableStream` as it arrives, unbounded: cancel it, or abort the signal, to stop.
   */
  readonly as?: K
  /** Ask for part of the content (`Range: bytes=...`). A server that ignores it answers `full`. */
  readonly range?: ByteRange
  /** `If-None-Match`: an entity tag (or `*`); a match answers `not-modified`. */
  readonly ifNoneMatch?: string
  /** `If-Match`: an entity tag; a mismatch answers `precondition-failed`. */
  readonly ifMatch?: string
  /**
   * Called as body bytes arrive (as the stream is read, for `stream`). With `resume`, `loaded`
   * counts bytes handed over, each once, across reconnections; it goes back to 0 only when a body
   * read whole restarts on a new version (`onChange: 'restart'`).
   */
  readonly onProgress?: ProgressCallback
  /**
   * Continue after a dropped connection (or a wait for more bytes longer than the timeout): the
   * rest is asked for with `Range` and `If-Range` on the first answer's strong `ETag` (else on a
   * `Last-Modified` that RFC 9110 lets serve as a strong validator), so two versions of a file are
   * never spliced; a changed file fails with `ContentChangedError` (or, read whole, restarts).
   * The result's `resume` says whether the body can be resumed, and if not why. `true` for the
   * defaults; see {@link GetResume}. Asks for `Accept-Encoding: identity` unless `headers` say otherwise.
   * @example
   * const got = await dav.get('big.iso', { as: 'stream', resume: true })
   */
  readonly resume?: GetResume<K>
}

function rangeHeader(range: ByteRange): string {
  const ok = (n: number | undefined): boolean => n === undefined || (Number.isSafeInteger(n) && n >= 0)
  if ('suffix' in range) {
    if (!ok(range.suffix) || range.suffix === 0) throw new InvalidRequestError('range suffix must be a positive integer')
    return `bytes=-${range.suffix}`
  }
  if (!ok(range.start) || !ok(range.end) || (range.end !== undefined && range.end < range.start)) {
    throw new InvalidRequestError('range start and end must be integers with 0 <= start <= end')
  }
  return `bytes=${range.start}-${range.end ?? ''}`
}

/** A 200, or a 206 with a `Content-Range` that can be read. */
function usableAnswer(response: DavResponse): boolean {
  if (response.status !== 206) return true
  const range = parseContentRange(response.headers.get('content-range'))
  return range !== undefined && 'start' in range
}

function bodyOf<K extends GetBodyKind>(kind: K, response: DavResponse): GetBodyTypes[K] {
  const value =
    kind === 'stream'
      ? response.stream
      : kind === 'text'
        ? decodeBodyText(response.body, response.headers.get('content-type'), Number.POSITIVE_INFINITY)
        : response.body
  return value as GetBodyTypes[K]
}

/**
 * GET: the content of a resource as bytes, text or a stream; a range of it; conditionally on its
 * entity tag. 404, 401 and other statuses with no outcome here are `HttpStatusError`s.
 */
export async function get<K extends GetBodyKind = 'bytes'>(
  context: MethodContext,
  target: DavTarget,
  options: GetOptions<K> = {},
): Promise<GetResult<GetBodyTypes[K]>> {
  const kind = (options.as ?? 'bytes') as K
  if (kind !== 'bytes' && kind !== 'text' && kind !== 'stream') {
    throw new InvalidRequestError(`GET as must be 'bytes', 'text' or 'stream', got ${String(kind)}`)
  }
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  // Resumed requests carry the caller's headers without the conditions: If-Range stands for them.
  const resumeHeaders = new Headers(headers)
  const range = options.range === undefined ? undefined : rangeHeader(options.range)
  if (range !== undefined) headers.set('range', range)
  if (options.ifNoneMatch !== undefined) headers.set('if-none-match', options.ifNoneMatch)
  if (options.ifMatch !== undefined) headers.set('if-match', options.ifMatch)
  const resume = resumeSettings(options.resume, kind, context.pipeline.retry.retries)
  if (resume !== undefined && !headers.has('accept-encoding')) {
    // Ranges count the bytes as sent: a compressed body could not be continued.
    headers.set('accept-encoding', 'identity')
    resumeHeaders.set('accept-encoding', 'identity')
  }
  const response = await context.pipeline.send({
    method: 'GET',
    url,
    headers,
    signal: options.signal,
    responseBody: kind === 'stream' || resume !== undefined ? 'stream' : 'buffer',
    onDownloadProgress: resume === undefined ? options.onProgress : undefined,
  })
  const { status, attempts } = response
  if (resume !== undefined && (status === 200 || status === 206) && usableAnswer(response)) {
    const body = {
      context,
      url,
      headers: resumeHeaders,
      range,
      signal: options.signal,
      onProgress: options.onProgress,
      wholeBody: kind !== 'stream',
      ...resume,
    }
    return (await resumedGet(kind, response, body, context.pipeline.maxResponseBytes)) as GetResult<GetBodyTypes[K]>
  }
  switch (status) {
    case 200:
      return {
        kind: 'full',
        status,
        attempts,
        data: bodyOf(kind, response),
        contentLength: integerHeader(response, 'content-length'),
        ...entityHeadersOf(response),
      }
    case 206: {
      const range = parseContentRange(response.headers.get('content-range'))
      if (range === undefined || !('start' in range)) {
        await response.stream?.cancel().catch(() => undefined)
        throw new HttpStatusError(`GET ${response.summary.url}: 206 without a usable Content-Range`, {
          request: response.request,
          response: response.summary,
          attempts,
          status,
        })
      }
      return { kind: 'partial', status, attempts, data: bodyOf(kind, response), range, ...entityHeadersOf(response) }
    }
    case 304:
      return { kind: 'not-modified', status, attempts, etag: response.headers.get('etag') ?? undefined }
    case 412:
      return { kind: 'precondition-failed', status, attempts }
    case 416: {
      const range = parseContentRange(response.headers.get('content-range'))
      const total = range === undefined ? undefined : 'unsatisfied' in range ? range.unsatisfied : range.total
      return { kind: 'range-not-satisfiable', status, attempts, total }
    }
  }
  await response.stream?.cancel().catch(() => undefined)
  throw statusError(response, readResponseBody(response))
}
