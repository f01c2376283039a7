import type { DavError, DecodeFailure, MultiStatus } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { UndecodableResponseError } from '../errors/undecodable-response-error.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { scrubDecodeError } from '../http/scrub-decode-error.ts'
import { takeBody } from '../http/take-body.ts'
import type { MethodContext } from './method-context.ts'

/** What a response body turned out to be. */
export type BodyReading =
  | { readonly kind: 'multistatus'; readonly multistatus: MultiStatus }
  | { readonly kind: 'dav-error'; readonly error: DavError }
  | { readonly kind: 'empty' }
  | { readonly kind: 'undecodable'; readonly failure: DecodeFailure; readonly cause: unknown }

function charsetOf(contentType: string | null): string {
  const match = contentType === null ? null : /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)
  return match?.[1] ?? 'utf-8'
}

function decodeText(body: Uint8Array, contentType: string | null): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(body)
  } catch {
    return new TextDecoder().decode(body)
  }
}

/**
 * Reads a response body as a WebDAV XML answer, whatever the status: a multistatus, a
 * `DAV:error`, nothing, or something that could not be decoded (and why). The body is taken from
 * the response (see {@link takeBody}): only its text lives on while it is decoded.
 */
export function readResponseBody(context: MethodContext, response: DavResponse): BodyReading {
  const text = decodeText(takeBody(response), response.headers.get('content-type'))
  if (text.trim() === '') return { kind: 'empty' }
  try {
    const multistatus = context.decodeMultiStatus(text, {
      requestUrl: response.url,
      // The pipeline already bounded the body by maxResponseBytes.
      maxBytes: Number.MAX_SAFE_INTEGER,
      contentType: response.headers.get('content-type') ?? undefined,
    })
    return { kind: 'multistatus', multistatus }
  } catch (cause) {
    if (cause instanceof DecodeError) {
      if (cause.failure.code === 'dav-error') return { kind: 'dav-error', error: cause.failure.error }
      const scrubbed = scrubDecodeError(cause, response.scrub)
      return { kind: 'undecodable', failure: scrubbed.failure, cause: scrubbed }
    }
    throw cause
  }
}

/** The `DAV:error` of a reading, if it was one. */
export function davErrorOf(reading: BodyReading): DavError | undefined {
  return reading.kind === 'dav-error' ? reading.error : undefined
}

/** The error for a body that should have been a multistatus and was not. */
export function undecodableError(response: DavResponse, reading: BodyReading): UndecodableResponseError {
  const failure: DecodeFailure =
    reading.kind === 'undecodable'
      ? reading.failure
      : reading.kind === 'dav-error'
        ? { code: 'dav-error', error: reading.error }
        : reading.kind === 'empty'
          ? { code: 'empty-body' }
          : { code: 'unexpected-root', root: { namespace: 'DAV:', local: 'multistatus' } }
  return new UndecodableResponseError(
    `${response.request.method} ${response.summary.url}: ${response.status} answer could not be decoded (${failure.code})`,
    {
      request: response.request,
      response: response.summary,
      attempts: response.attempts,
      failure,
      cause: reading.kind === 'undecodable' ? reading.cause : undefined,
    },
  )
}

/** The error for a status the method has no outcome for; a `DAV:error` body is attached. */
export function statusError(response: DavResponse, reading: BodyReading | undefined): HttpStatusError {
  const davError = reading === undefined ? undefined : davErrorOf(reading)
  const conditions = davError?.conditions.map((c) => c.name.local).join(', ')
  return new HttpStatusError(
    `${response.request.method} ${response.summary.url}: ${response.status} ${response.statusText}${conditions ? ` (${conditions})` : ''}`,
    {
      request: response.request,
      response: response.summary,
      attempts: response.attempts,
      status: response.status,
      davError,
    },
  )
}
