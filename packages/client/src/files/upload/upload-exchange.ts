import { HttpStatusError } from '../../errors/http-status-error.ts'
import { RequestAbortedError } from '../../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../../errors/request-timeout-error.ts'
import { TransportError } from '../../errors/transport-error.ts'
import { supportsStreamingUploads } from '../../http/progress.ts'
import type { DavResponse } from '../../http/request-pipeline.ts'
import { integerHeader, memberFailuresOf, writeRefusal } from '../../methods/content-outcomes.ts'
import { davErrorOf, readResponseBody } from '../../methods/read-dav-answer.ts'
import { filePathOf } from '../../paths/file-path.ts'
import type { AttemptFailure } from '../../retry/classify-failure.ts'
import { parseRetryAfter } from '../../retry/retry-after.ts'
import { FileOperationError, type FileOperationOutcome } from '../file-operation-error.ts'
import type { UploadPlan } from './upload-mechanism.ts'

/** The request body bytes an upload handed to `fetch`, resent ones included. */
export interface SentTally {
  bytes: number
}

/** One request of an upload: sent once (the upload resumes by itself), its body bytes counted. */
export interface UploadRequest {
  readonly method: string
  /** Where it goes, when not to the file itself (a TUS upload URL, a Nextcloud chunk). */
  readonly url?: URL | undefined
  readonly headers: Headers
  readonly body?: Uint8Array | Blob | ReadableStream<Uint8Array> | undefined
  /** The body's size, when known. */
  readonly length?: number | undefined
}

const PIECE_BYTES = 64 * 1024

/** `bytes` as a stream of 64 KiB pieces, each counted in `tally` as `fetch` pulls it. */
function countedStream(bytes: Uint8Array, tally: SentTally): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close()
          return
        }
        const end = Math.min(offset + PIECE_BYTES, bytes.byteLength)
        controller.enqueue(bytes.subarray(offset, end))
        tally.bytes += end - offset
        offset = end
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Sends one request of an upload, once: a failed write is resumed from what the server holds,
 * never resent blindly. Where the runtime streams request bodies, bytes go as a stream counted in
 * `tally` as `fetch` pulls them (a cut request counts what was taken); elsewhere they go whole
 * and count whole. A stream body (a plain `PUT` of a stream) counts itself.
 */
export async function sendUploadRequest(plan: UploadPlan, request: UploadRequest, tally: SentTally): Promise<DavResponse> {
  const bytes = request.body instanceof Uint8Array && request.body.byteLength > 0 && supportsStreamingUploads() ? request.body : undefined
  for (let round = 0; ; round++) {
    let body = request.body
    const headers = new Headers(request.headers)
    if (bytes !== undefined) {
      headers.set('content-length', String(bytes.byteLength))
      body = countedStream(bytes, tally)
    } else if (body !== undefined && !(body instanceof ReadableStream)) {
      tally.bytes += body instanceof Blob ? body.size : body.byteLength
    }
    const response = await plan.client.pipeline.send({
      method: request.method,
      url: request.url ?? plan.url,
      headers,
      body,
      signal: plan.signal,
      retry: false,
      uploadLength: request.length,
    })
    // A stream is not sent again after a 401 by the pipeline; the credentials have learnt from
    // the challenge (a Digest nonce gone stale mid-upload), so the same bytes go once more.
    if (response.status !== 401 || bytes === undefined || round > 0) return response
  }
}

/** The file-layer path of the upload's URL, for errors. */
export function pathOfPlan(plan: UploadPlan): string {
  return filePathOf(plan.client.baseUrl, plan.url)
}

/** A `FileOperationError` of operation `upload`. */
export function uploadError(
  plan: UploadPlan,
  outcome: FileOperationOutcome,
  status: number,
  options?: ErrorOptions & { readonly detail?: string },
): FileOperationError {
  return new FileOperationError('upload', pathOfPlan(plan), outcome, status, [], options)
}

/** Statuses by which a server says it does not take this kind of partial write. */
const REFUSED_MECHANISM: ReadonlySet<number> = new Set([400, 405, 411, 415, 416, 501])

/**
 * The failure a write's answer means: the PUT outcomes (`precondition-failed`, `conflict`,
 * `locked`, `forbidden`, `insufficient-storage`; `uncertain` for a 412 after an interrupted
 * attempt), `mechanism-refused` for a partial write the server does not take, else `chunk-refused`.
 */
export function writeFailure(plan: UploadPlan, response: DavResponse, partial: boolean, resumed: boolean): FileOperationError {
  const { status } = response
  const reading = readResponseBody(response)
  if (reading.kind === 'multistatus') {
    const failures = memberFailuresOf(reading.multistatus.responses)
    return new FileOperationError('upload', pathOfPlan(plan), 'locked', status, failures)
  }
  if (status === 412) return uploadError(plan, resumed ? 'uncertain' : 'precondition-failed', status)
  if (status === 404) return uploadError(plan, partial ? 'mechanism-refused' : 'conflict', status)
  const refusal = writeRefusal(status, response.attempts, davErrorOf(reading))
  if (refusal !== undefined) return uploadError(plan, refusal.kind, status)
  if (partial && REFUSED_MECHANISM.has(status)) return uploadError(plan, 'mechanism-refused', status)
  const error = uploadError(plan, 'chunk-refused', status)
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
  if (retryAfterMs !== undefined) askedDelays.set(error, retryAfterMs)
  return error
}

// The `Retry-After` of refused chunks, for the retry decision (the error itself has no field for it).
const askedDelays = new WeakMap<FileOperationError, number>()

/** The `ETag` of an answer, if it has one. */
export function etagOf(response: DavResponse): string | undefined {
  return response.headers.get('etag') ?? undefined
}

/** How many bytes the server holds of the file (`HEAD`), or `undefined` when it has none there. */
export async function heldLength(plan: UploadPlan): Promise<{ readonly length: number | undefined; readonly etag: string | undefined }> {
  const response = await plan.client.pipeline.send({
    method: 'HEAD',
    url: plan.url,
    signal: plan.signal,
    retry: false,
    headers: { 'accept-encoding': 'identity' },
    // Not read: a HEAD has no body, and its Content-Length (the file's, past maxResponseBytes for a big file) must not be taken for one.
    responseBody: 'stream',
  })
  await response.stream?.cancel().catch(() => undefined)
  if (response.status === 404) return { length: undefined, etag: undefined }
  if (response.status < 200 || response.status >= 300) throw writeFailure(plan, response, false, false)
  const length = integerHeader(response, 'content-length')
  if (length === undefined) throw uploadError(plan, 'offset-mismatch', response.status, { detail: 'HEAD gave no Content-Length' })
  return { length, etag: etagOf(response) }
}

/** What a failed upload step means for the retry decision. */
export function describeUploadFailure(error: unknown): AttemptFailure {
  if (error instanceof TransportError) return { kind: 'network' }
  if (error instanceof RequestTimeoutError) return { kind: 'timeout' }
  if (error instanceof RequestAbortedError) return { kind: 'aborted' }
  if (error instanceof HttpStatusError) {
    return { kind: 'status', status: error.status, retryAfterMs: parseRetryAfter(error.response?.headers['retry-after']) }
  }
  if (error instanceof FileOperationError && error.outcome === 'chunk-refused') {
    return { kind: 'status', status: error.status, retryAfterMs: askedDelays.get(error) }
  }
  return { kind: 'other' }
}
