import { chunkedStream, supportsStreamingUploads } from '../../http/progress.ts'
import type { DavResponse } from '../../http/request-pipeline.ts'
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
  /** What errors show in place of `url`, when its path is a credential (`DavRequest.shownAs`). */
  readonly shownAs?: string | undefined
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
      body = chunkedStream(bytes, (length) => {
        tally.bytes += length
      })
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
      shownAs: request.shownAs,
    })
    // A stream is not sent again after a 401 by the pipeline; the credentials have learnt from
    // the challenge (a Digest nonce gone stale mid-upload), so the same bytes go once more.
    if (response.status !== 401 || bytes === undefined || round > 0) return response
  }
}

/** The `ETag` of an answer, if it has one. */
export function etagOf(response: DavResponse): string | undefined {
  return response.headers.get('etag') ?? undefined
}
