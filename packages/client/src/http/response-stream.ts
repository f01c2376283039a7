import type { DavkitError } from '../errors/davkit-error.ts'

/**
 * The body of an answer handed over unread: its read failures become davkit errors (`aborted`,
 * `timeout`, `transport`) rather than whatever the runtime threw, so a caller reading it can
 * switch on `code`. (Download progress, when asked for, is counted by ky as the body is read.)
 */
export function responseStream(response: Response, failure: (cause: unknown) => DavkitError): ReadableStream<Uint8Array> {
  const raw = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
  const reader = raw.getReader()
  // No read-ahead (high-water mark 0): nothing is read, nor counted as progress, before the caller reads.
  return new ReadableStream<Uint8Array>(
    {
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
    },
    { highWaterMark: 0 },
  )
}
