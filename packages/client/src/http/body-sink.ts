/** The status line and headers of an answer, known before its body is read. */
export interface ResponseHead {
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  /** The URL that answered (after redirects). */
  readonly url: string
}

/**
 * Consumes a response body as its bytes arrive, so that a large answer is never held whole: the
 * pipeline writes each chunk in order, then calls `end` once and keeps what it returns. A sink
 * may throw from `write` or `end` (a decode error, a size limit); the pipeline then cancels the
 * body and rejects with that error, unchanged.
 */
export interface BodySink<T> {
  write(chunk: Uint8Array): void
  end(): T
}

/** Makes a fresh sink for each answer whose body is to be read, retries included. */
export type BodySinkFactory<T> = (head: ResponseHead) => BodySink<T>
