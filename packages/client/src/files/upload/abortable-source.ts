import { RequestAbortedError } from '../../errors/request-aborted-error.ts'
import { redactUrl } from '../../http/redact.ts'
import { summarizeRequest } from '../../http/summaries.ts'
import type { ChunkSource } from './chunk-source.ts'

/**
 * A source whose reads reject with `RequestAbortedError` as soon as `signal` fires, and which then
 * closes the source (a stream's reader is cancelled). An upload waiting on a stalled stream is
 * waiting on no request, so nothing else would notice the abort; the retry layer waits for the
 * running attempt, and the attempt for its read.
 */
export function abortableSource(source: ChunkSource, url: URL, signal: AbortSignal | undefined): ChunkSource {
  if (signal === undefined) return source
  const aborted = (): RequestAbortedError =>
    new RequestAbortedError(`upload to ${redactUrl(url)} was aborted while reading its source`, {
      request: summarizeRequest('PUT', url, new Headers()),
      cause: signal.reason,
    })
  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= source.close()
    return closing
  }
  return {
    get size() {
      return source.size
    },
    read(offset, length) {
      if (signal.aborted) return Promise.reject(aborted())
      return new Promise<Uint8Array>((resolve, reject) => {
        const onAbort = (): void => {
          reject(aborted())
          close().catch(() => undefined)
        }
        signal.addEventListener('abort', onAbort, { once: true })
        source.read(offset, length).then(
          (bytes) => {
            signal.removeEventListener('abort', onAbort)
            resolve(bytes)
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort)
            reject(error)
          },
        )
      })
    },
    release: (offset) => source.release(offset),
    close,
  }
}
