import { chunkedStream, supportsStreamingUploads, type ProgressCallback } from './progress.ts'

/** A request body: text (sent as UTF-8), bytes, a Blob, or a one-shot stream. */
export type ContentBody = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>

/**
 * Whether a body can be sent again, for a retry or a redirect: a `ReadableStream` can be read
 * only once, everything else can be replayed.
 */
export function isReplayable(body: ContentBody | undefined): boolean {
  return !(body instanceof ReadableStream)
}

/** The size in bytes of a replayable body (0 for none), or `undefined` for a stream. */
export function bodySize(body: ContentBody | undefined): number | undefined {
  if (body === undefined) return 0
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength
  if (body instanceof Blob) return body.size
  return undefined
}

/** The body handed to ky for one attempt, and whether it is a stream (which needs `duplex: 'half'`). */
export interface AttemptBody {
  readonly body: BodyInit | undefined
  readonly streamed: boolean
}

/**
 * The body of one attempt. Without a progress callback a body goes to ky as given. With one, a
 * replayable body is turned into a stream of 64 KiB chunks (reported at 0 here, then by ky as
 * `fetch` pulls it) when `mayStream` and the runtime can send streams; otherwise it is sent
 * whole. A stream body is always sent as a stream.
 */
export async function attemptBody(
  body: ContentBody | undefined,
  onProgress: ProgressCallback | undefined,
  mayStream: boolean,
): Promise<AttemptBody> {
  if (body === undefined) return { body: undefined, streamed: false }
  if (body instanceof ReadableStream) return { body, streamed: true }
  if (onProgress === undefined || !mayStream || !supportsStreamingUploads()) {
    return { body: body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : body, streamed: false }
  }
  const bytes =
    typeof body === 'string'
      ? new TextEncoder().encode(body)
      : body instanceof Blob
        ? new Uint8Array(await body.arrayBuffer())
        : body instanceof ArrayBuffer
          ? new Uint8Array(body)
          : body
  onProgress({ loaded: 0, total: bytes.byteLength })
  return { body: chunkedStream(bytes), streamed: true }
}
