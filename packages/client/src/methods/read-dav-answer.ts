import type { DavError, DecodeFailure, MultiStatus, MultiStatusResponse } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { UndecodableResponseError } from '../errors/undecodable-response-error.ts'
import type { BodySink, BodySinkFactory } from '../http/body-sink.ts'
import type { DavRequest, DavResponse } from '../http/request-pipeline.ts'
import { MultiStatusReader, type MultiStatusTail } from '../multistatus/multistatus-reader.ts'
import { scrubDecodeError } from '../http/scrub-decode-error.ts'
import type { MethodContext } from './method-context.ts'

/** A multistatus whose responses went through a method's own mapping as they were read. */
export interface MappedMultiStatus<R> extends Omit<MultiStatus, 'responses'> {
  readonly responses: readonly R[]
}

/** What a response body turned out to be; `R` is what each response became (by default, itself). */
export type BodyReading<R = MultiStatusResponse> =
  | { readonly kind: 'multistatus'; readonly multistatus: MappedMultiStatus<R> }
  | { readonly kind: 'dav-error'; readonly error: DavError }
  | { readonly kind: 'empty' }
  | { readonly kind: 'undecodable'; readonly failure: DecodeFailure; readonly cause: unknown }

/**
 * A sink that decodes a response body as a WebDAV XML answer while it arrives, whatever the
 * status: a multistatus, a `DAV:error`, nothing, or something that could not be decoded (and
 * why). Each response is handed to `map` as soon as it has been read, so that only what the
 * method keeps of it lives on (a PROPFIND keeps typed entries, not the raw responses too). Bytes
 * become text by one rule (see `BodyTextDecoder`); the pipeline already bounds the body by
 * `maxResponseBytes`.
 */
export function multiStatusBodyReader<R>(map: (response: MultiStatusResponse) => R): BodySinkFactory<BodyReading<R>> {
  return (head) => {
    const responses: R[] = []
    const contentType = head.headers.get('content-type') ?? undefined
    const reader = new MultiStatusReader({ requestUrl: head.url, maxBytes: Number.MAX_SAFE_INTEGER, contentType }, (response) =>
      responses.push(map(response)),
    )
    let failure: DecodeError | undefined
    // After the first problem the rest of the body is of no use: it is drained, not decoded.
    const attempt = (step: () => void): void => {
      if (failure !== undefined) return
      try {
        step()
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error
        failure = error
      }
    }
    let tail: MultiStatusTail | undefined
    return {
      write: (chunk) => attempt(() => reader.write(chunk)),
      end: () => {
        attempt(() => {
          tail = reader.end()
        })
        if (failure !== undefined) return readingOf(failure)
        const { description, syncToken } = tail as MultiStatusTail
        return { kind: 'multistatus', multistatus: { responses, description, syncToken } }
      },
    }
  }
}

/** {@link multiStatusBodyReader} keeping each response as it was decoded. */
export const readMultiStatusBody: BodySinkFactory<BodyReading> = multiStatusBodyReader((response) => response)

function readingOf(error: DecodeError): BodyReading<never> {
  if (error.failure.code === 'empty-body') return { kind: 'empty' }
  if (error.failure.code === 'dav-error') return { kind: 'dav-error', error: error.failure.error }
  return { kind: 'undecodable', failure: error.failure, cause: error }
}

/**
 * Reads a response body as a WebDAV XML answer (see {@link readMultiStatusBody}): the reading the
 * pipeline made while the body arrived, or else the buffered body, taken from the response (see
 * `DavResponse.takeBody`) so that only what is decoded from it lives on.
 */
export function readResponseBody(response: DavResponse): BodyReading
export function readResponseBody<R>(response: DavResponse, map: (response: MultiStatusResponse) => R): BodyReading<R>
export function readResponseBody<R>(
  response: DavResponse,
  map?: (response: MultiStatusResponse) => R,
): BodyReading<R | MultiStatusResponse> {
  const sink: BodySink<BodyReading<R | MultiStatusResponse>> =
    map === undefined ? readMultiStatusBody(response) : multiStatusBodyReader(map)(response)
  sink.write(response.takeBody())
  return scrubbed(sink.end(), response)
}

// What a decode error quotes from the body may echo the request's credentials: it is scrubbed as
// the response summary's excerpt is.
function scrubbed<R>(reading: BodyReading<R>, response: DavResponse): BodyReading<R> {
  if (reading.kind !== 'undecodable' || !(reading.cause instanceof DecodeError)) return reading
  const cause = scrubDecodeError(reading.cause, (text) => response.scrub(text))
  return { kind: 'undecodable', failure: cause.failure, cause }
}

/**
 * Sends a request whose answer is a WebDAV XML body, decoding it while it arrives (within the
 * timeout, retried as the request is): each response goes through `map` as soon as it is read.
 */
export async function sendAndRead<R>(
  context: MethodContext,
  request: DavRequest,
  map: (response: MultiStatusResponse) => R,
): Promise<{ readonly response: DavResponse; readonly reading: BodyReading<R> }> {
  const response = await context.pipeline.send({ ...request, readBody: multiStatusBodyReader(map) })
  const reading = response.decoded === undefined ? readResponseBody(response, map) : scrubbed(response.decoded, response)
  return { response, reading }
}

/** The `DAV:error` of a reading, if it was one. */
export function davErrorOf(reading: BodyReading<unknown>): DavError | undefined {
  return reading.kind === 'dav-error' ? reading.error : undefined
}

/** The error for a body that should have been a multistatus and was not. */
export function undecodableError(response: DavResponse, reading: BodyReading<unknown>): UndecodableResponseError {
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
export function statusError(response: DavResponse, reading: BodyReading<unknown> | undefined): HttpStatusError {
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
