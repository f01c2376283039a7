import type { TransferProgress } from '@davkit/types'

/** A progress callback: called as bytes move, never more than once per chunk. */
export type ProgressCallback = (progress: TransferProgress) => void

/**
 * A pass-through stream that counts the bytes going through it and reports them. Only built when
 * a callback is given, so a transfer without one costs nothing extra.
 */
export function countingStream(
  total: number | undefined,
  onProgress: ProgressCallback,
): TransformStream<Uint8Array, Uint8Array> {
  let loaded = 0
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      loaded += chunk.byteLength
      controller.enqueue(chunk)
      onProgress({ loaded, total })
    },
  })
}

const UPLOAD_CHUNK_BYTES = 64 * 1024

/**
 * A stream over `bytes` in chunks of 64 KiB, pulled by `fetch` as it sends: progress is reported
 * as each chunk is handed over, which is as close to "sent" as `fetch` lets anyone see.
 */
export function chunkedStream(bytes: Uint8Array, onProgress: ProgressCallback): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close()
        return
      }
      const end = Math.min(offset + UPLOAD_CHUNK_BYTES, bytes.byteLength)
      controller.enqueue(bytes.subarray(offset, end))
      offset = end
      onProgress({ loaded: offset, total: bytes.byteLength })
    },
  })
}

let streamingUploads: boolean | undefined

/**
 * Whether this runtime's `fetch` can send a `ReadableStream` body (`duplex: 'half'`): Node 22+,
 * Chromium over HTTP/2; not Firefox or Safari today. Checked once: a runtime that does not know
 * `duplex` never reads the option and turns the stream into the text `[object ReadableStream]`.
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
