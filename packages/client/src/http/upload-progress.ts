import { type KyProgressListener, type ProgressCallback, supportsStreamingUploads, uploadProgressListener } from './progress.ts'
import { attemptBody, bodySize, isReplayable, type AttemptBody, type ContentBody } from './request-content.ts'

/**
 * Upload progress for one request (`DavRequest.uploadProgress`): how its body is streamed so that
 * `fetch`'s pulls can be counted. The pipeline reaches this code only through a request that
 * carries it, so a program that never uploads with progress (a PROPFIND) does not bundle it.
 */
export interface UploadProgress {
  /**
   * The body of one attempt: a replayable body becomes a stream of 64 KiB chunks (reported at 0
   * here, then by ky) when `mayStream` and the runtime can send streams; otherwise it goes whole.
   */
  attemptBody(body: Exclude<ContentBody, ReadableStream>, mayStream: boolean): Promise<AttemptBody>
  /**
   * ky's `onUploadProgress` for a streamed body. A body of known size turned into a stream keeps
   * its Content-Length in `headers`, so that it is not sent chunked (servers and proxies may refuse
   * chunked PUTs with 411); a stream of its own counts against `streamLength`, when the caller knows it.
   */
  listener(body: ContentBody | undefined, streamLength: number | undefined, headers: Headers): KyProgressListener
  /** Whether this runtime can send a stream at all: a streamed attempt that failed at once is then tried again whole. */
  canStream(): boolean
}

/** Upload progress reported to `onProgress`, for `DavRequest.uploadProgress`. */
export function uploadProgress(onProgress: ProgressCallback): UploadProgress {
  return {
    attemptBody: (body, mayStream) => attemptBody(body, onProgress, mayStream),
    listener: (body, streamLength, headers) => {
      const size = isReplayable(body) ? bodySize(body) : streamLength
      // Node's fetch honours it; browsers compute their own framing.
      if (isReplayable(body) && size !== undefined && !headers.has('content-length')) headers.set('content-length', String(size))
      return uploadProgressListener(size, onProgress)
    },
    canStream: supportsStreamingUploads,
  }
}
