import type { DavkitError } from '../errors/davkit-error.ts'
import { decodedLength } from './read-body.ts'
import { countingStream, type ProgressCallback } from './progress.ts'

/**
 * The body of an answer handed over unread: its read failures become davkit errors (`aborted`,
 * `timeout`, `transport`) rather than whatever the runtime threw, so a caller reading it can
 * switch on `code`; and with `onProgress`, bytes are counted as the caller reads them.
 */
export function responseStream(
  response: Response,
  failure: (cause: unknown) => DavkitError,
  onProgress: ProgressCallback | undefined,
): ReadableStream<Uint8Array> {
  const raw = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
  const reader = raw.getReader()
  const typed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (cause) {
        controller.error(failure(cause))
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
  return onProgress === undefined ? typed : typed.pipeThrough(countingStream(decodedLength(response.headers), onProgress))
}
