import type { PutResult } from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { ProgressCallback } from '../http/progress.ts'
import { bodySize, type ContentBody } from '../http/request-content.ts'
import { uploadProgress } from '../http/upload-progress.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { entityHeadersOf, mayHaveBeenCarriedOut, multistatusOutcome, writeRefusal } from './content-outcomes.ts'
import { applyLockTokens, type LockTokens } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { davErrorOf, readResponseBody, statusError } from './read-dav-answer.ts'

/** Options of a PUT. */
export interface PutOptions extends RequestOptions {
  /** `Content-Type`; default `text/plain; charset=utf-8` for a string, `application/octet-stream` otherwise (a Blob's own type first). */
  readonly contentType?: string
  /**
   * Write only if the current entity tag is this one (`If-Match`): a lost update is
   * `precondition-failed`. `If-Match` compares strongly, so a weak tag (`W/"..."`) never matches;
   * the file layer refuses one before sending.
   */
  readonly ifMatch?: string
  /** `'*'`: write only if nothing exists there yet (`If-None-Match: *`), else `precondition-failed`. */
  readonly ifNoneMatch?: '*'
  /**
   * Locks to submit (a tagged `If` header) when the resource or a collection above it is locked:
   * the grant `lock` returned, or `{ token, root }`; a bare token is tagged with the request URL.
   */
  readonly lockToken?: LockTokens
  /**
   * The size of a `ReadableStream` body, sent as `Content-Length` so that the upload is not
   * chunked (some servers and proxies refuse chunked PUTs with 411). It must be exact. Node's
   * fetch honours it; browsers ignore it. Other bodies have a known size already.
   */
  readonly contentLength?: number
  /**
   * Called as the body is handed to `fetch`, which needs streaming request bodies (`duplex:
   * 'half'`; Node, Chromium over HTTP/2). Elsewhere the body is sent whole and the callback hears
   * only `{ loaded: total }` once sent. Bytes handed over are not bytes acknowledged: the result
   * is what says the upload worked. A retried upload reports from 0 again.
   */
  readonly onProgress?: ProgressCallback
}

function defaultContentType(body: ContentBody): string {
  if (typeof body === 'string') return 'text/plain; charset=utf-8'
  if (body instanceof Blob && body.type !== '') return body.type
  return 'application/octet-stream'
}

/**
 * PUT: write a string (UTF-8), bytes, a Blob or a stream. Strings, bytes and Blobs are retried
 * per the retry policy; a `ReadableStream` can be read only once, so it is sent once. A 412 after
 * an attempt that may have been carried out (no answer, timeout, 502/504) is `uncertain`.
 */
export async function put(context: MethodContext, target: DavTarget, body: ContentBody, options: PutOptions = {}): Promise<PutResult> {
  const valid =
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof ReadableStream
  if (!valid) throw new InvalidRequestError('PUT body must be a string, Uint8Array, ArrayBuffer, Blob or ReadableStream')
  if (options.ifNoneMatch !== undefined && options.ifNoneMatch !== '*') {
    throw new InvalidRequestError("PUT ifNoneMatch can only be '*'")
  }
  const base = context.pipeline.baseUrl
  const url = resolveTarget(base, target)
  const headers = new Headers(options.headers)
  headers.set('content-type', options.contentType ?? defaultContentType(body))
  if (options.ifMatch !== undefined) headers.set('if-match', options.ifMatch)
  if (options.ifNoneMatch !== undefined) headers.set('if-none-match', '*')
  applyLockTokens(headers, base, [url, options.lockToken])
  if (options.contentLength !== undefined) {
    if (!(body instanceof ReadableStream)) throw new InvalidRequestError('PUT contentLength is for stream bodies only')
    if (!Number.isSafeInteger(options.contentLength) || options.contentLength < 0) {
      throw new InvalidRequestError('PUT contentLength must be a non-negative integer')
    }
    headers.set('content-length', String(options.contentLength))
  }
  const total = bodySize(body) ?? options.contentLength
  const onProgress = options.onProgress
  const response = await context.pipeline.send({
    method: 'PUT',
    url,
    headers,
    body,
    signal: options.signal,
    uploadProgress: onProgress === undefined ? undefined : uploadProgress(onProgress),
    uploadLength: total,
  })
  if (onProgress !== undefined && total !== undefined) onProgress({ loaded: total, total })
  const { status, attempts } = response
  const reading = readResponseBody(response)
  // Apache answers a PUT into a locked collection with a multistatus (the member 424, the collection 423).
  if (reading.kind === 'multistatus') {
    const failed = multistatusOutcome(reading.multistatus, status, attempts, [url])
    if (failed !== undefined) return failed
  }
  const error = davErrorOf(reading)
  switch (status) {
    case 201:
      return { kind: 'created', status, attempts, ...entityHeadersOf(response) }
    case 200:
    case 204:
      return { kind: 'replaced', status, attempts, ...entityHeadersOf(response) }
    case 412:
      // An earlier attempt that may have written the body makes its own precondition fail.
      if (response.earlierFailures.some(mayHaveBeenCarriedOut)) {
        return { kind: 'uncertain', status, attempts, error, earlierFailures: response.earlierFailures }
      }
      return { kind: 'precondition-failed', status, attempts, error }
    case 404:
      // RFC 4918 says 409 for a missing parent; rclone and others say 404, which for a PUT can
      // only be about the collections above the target.
      return { kind: 'conflict', status, attempts, error }
  }
  const refusal = writeRefusal(status, attempts, error)
  if (refusal !== undefined) return refusal
  throw statusError(response, reading)
}
