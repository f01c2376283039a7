import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import type { DavResponse } from './request-pipeline.ts'

/**
 * One read of a streamed body, within the per-attempt timeout: the timeout bounds each wait for
 * more of the body, not the time the caller spends between reads. An expired wait is a
 * `RequestTimeoutError`; the read itself is left for the caller to cancel.
 */
export async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  timeoutMs: number | false,
  response: Pick<DavResponse, 'request' | 'attempts'>,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  if (timeoutMs === false) return await reader.read()
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const request = response.request
      reject(
        new RequestTimeoutError(`${request.method} ${request.url} timed out after ${timeoutMs} ms waiting for more of the body`, {
          request,
          attempts: response.attempts,
          timeoutMs,
        }),
      )
    }, timeoutMs)
  })
  try {
    return await Promise.race([reader.read(), expired])
  } finally {
    clearTimeout(timer)
  }
}
