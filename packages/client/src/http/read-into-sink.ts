import type { BodySink } from './body-sink.ts'
import { announcedLength, BodyLimitExceeded } from './read-whole-body.ts'

/** What reading a body into a sink leaves: the sink's result and the first bytes, for a summary's excerpt. */
export interface SunkBody<T> {
  readonly decoded: T
  /** The first `keep` bytes of the body (fewer when the body is shorter), copied out of the chunks. */
  readonly head: Uint8Array
}

/**
 * A sink's own failure (a decode error, its own limit), told apart from a failure to read the
 * body so that the pipeline rejects with `error` unchanged instead of a transport error.
 */
export class SinkFailed {
  readonly error: unknown
  constructor(error: unknown) {
    this.error = error
  }
}

/**
 * Feeds a response body to `sink` chunk by chunk as it arrives, never counting more than `limit`
 * bytes: an announced length above it is refused before reading and a body that grows past it is
 * cancelled ({@link BodyLimitExceeded}). If the sink throws, the body is cancelled and
 * {@link SinkFailed} rejects with its error. A read failure (abort, reset) rejects as the stream did.
 */
export async function readIntoSink<T>(response: Response, sink: BodySink<T>, limit: number, keep: number): Promise<SunkBody<T>> {
  const announced = announcedLength(response.headers)
  if (announced !== undefined && announced > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyLimitExceeded(limit, announced)
  }
  const head = new Uint8Array(keep)
  let size = 0
  if (response.body !== null) {
    const reader = response.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      const end = size + value.byteLength
      if (end > limit) {
        await reader.cancel().catch(() => undefined)
        throw new BodyLimitExceeded(limit, end)
      }
      if (size < keep) head.set(value.subarray(0, keep - size), size)
      try {
        sink.write(value)
      } catch (error) {
        await reader.cancel().catch(() => undefined)
        throw new SinkFailed(error)
      }
      size = end
    }
  }
  let decoded: T
  try {
    decoded = sink.end()
  } catch (error) {
    throw new SinkFailed(error)
  }
  return { decoded, head: size < keep ? head.slice(0, size) : head }
}
