import type { TransferProgress } from '@davkit/types'
import type { Progress } from 'ky'
import { decodedLength } from './read-whole-body.ts'

/** A progress callback: called as bytes move, never more than once per chunk. */
export type ProgressCallback = (progress: TransferProgress) => void

/** What ky calls with its count of the bytes that went through, as `onUploadProgress` / `onDownloadProgress`. */
export type KyProgressListener = (progress: Progress) => void

/**
 * ky's `onUploadProgress` reporting to a davkit callback: ky counts the bytes as `fetch` pulls the
 * body; the total is the one davkit knows (ky's own is 0 for a stream).
 */
export function uploadProgressListener(total: number | undefined, onProgress: ProgressCallback): KyProgressListener {
  return (progress) => onProgress({ loaded: progress.transferredBytes, total })
}

/**
 * ky's `onDownloadProgress` reporting to a davkit callback for a 2xx answer only (ky counts any
 * answer it reads; `answer` says which one came, and a report before it came is not one for us),
 * with the decoded length as total when known (ky's is the encoded `Content-Length`).
 */
export function downloadProgressListener(onProgress: ProgressCallback, answer: () => Response | undefined): KyProgressListener {
  return (progress) => {
    const response = answer()
    if (response === undefined || response.status < 200 || response.status >= 300) return
    onProgress({ loaded: progress.transferredBytes, total: decodedLength(response.headers) })
  }
}

const UPLOAD_CHUNK_BYTES = 64 * 1024

/**
 * A stream over `bytes` in chunks of 64 KiB, handed out only as `fetch` pulls them (nothing is
 * queued ahead), so that upload progress moves chunk by chunk rather than once for the whole body;
 * `onPulled` hears each chunk's length as it goes.
 */
export function chunkedStream(bytes: Uint8Array, onPulled?: (length: number) => void): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close()
          return
        }
        const end = Math.min(offset + UPLOAD_CHUNK_BYTES, bytes.byteLength)
        controller.enqueue(bytes.subarray(offset, end))
        onPulled?.(end - offset)
        offset = end
      },
    },
    { highWaterMark: 0 },
  )
}

let streamingUploads: boolean | undefined

/**
 * Whether this runtime's `fetch` can send a `ReadableStream` body (`duplex: 'half'`): Node 22+,
 * Chromium over HTTP/2; not Firefox or Safari today. Checked once: a runtime that does not know
 * `duplex` never reads the option and turns the stream into the text `[object ReadableStream]`.
 * (ky makes the same check before it reports upload progress.)
 */
export function supportsStreamingUploads(): boolean {
  if (streamingUploads !== undefined) return streamingUploads
  let duplexRead = false
  try {
    const request = new Request('http://localhost/', {
      method: 'PUT',
      body: new ReadableStream(),
      get duplex() {
        duplexRead = true
        return 'half'
      },
    } as RequestInit)
    streamingUploads = duplexRead && !request.headers.has('content-type')
  } catch {
    streamingUploads = false
  }
  return streamingUploads
}
