import type { ContentRange, GetResult } from '@davkit/types'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { ProgressCallback } from '../http/progress.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { decodeBodyText } from '../xml/text-from-bytes.ts'
import { entityHeadersOf, integerHeader } from './content-outcomes.ts'
import type { MethodContext } from './method-context.ts'
import { readResponseBody, statusError } from './read-dav-answer.ts'

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
  /** Called as body bytes arrive (as the stream is read, for `stream`). */
  readonly onProgress?: ProgressCallback
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

/** Reads `Content-Range: bytes a-b/n` (or `bytes * /n` for 416). */
export function parseContentRange(value: string | null): ContentRange | { readonly unsatisfied: number | undefined } | undefined {
  if (value === null) return undefined
  const match = /^\s*bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/i.exec(value)
  if (match === null) return undefined
  const total = match[3] === '*' || match[3] === undefined ? undefined : Number(match[3])
  if (match[1] === undefined || match[2] === undefined) return { unsatisfied: total }
  const start = Number(match[1])
  const end = Number(match[2])
  if (end < start) return undefined
  return { start, end, total }
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
  if (options.range !== undefined) headers.set('range', rangeHeader(options.range))
  if (options.ifNoneMatch !== undefined) headers.set('if-none-match', options.ifNoneMatch)
  if (options.ifMatch !== undefined) headers.set('if-match', options.ifMatch)
  const response = await context.pipeline.send({
    method: 'GET',
    url,
    headers,
    signal: options.signal,
    responseBody: kind === 'stream' ? 'stream' : 'buffer',
    onDownloadProgress: options.onProgress,
  })
  const { status, attempts } = response
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
