import { joinChunks } from './join-chunks.ts'

/** The body was larger than allowed; `size` is what had been read (or announced) when reading stopped. */
export class BodyLimitExceeded extends Error {
  readonly limit: number
  readonly size: number
  constructor(limit: number, size: number) {
    super(`response body exceeds ${limit} bytes`)
    this.limit = limit
    this.size = size
  }
}

/** The `Content-Length` of an answer, when it is a plain non-negative integer. */
export function announcedLength(headers: Headers): number | undefined {
  const length = headers.get('content-length')
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined
}

/**
 * The number of body bytes a reader will see, when the headers tell: `Content-Length`, unless a
 * `Content-Encoding` means fetch decodes the body into other bytes than were announced.
 */
export function decodedLength(headers: Headers): number | undefined {
  const encoding = headers.get('content-encoding')
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined
  return announcedLength(headers)
}

/**
 * Reads a response body into memory, never holding more than `limit` bytes: a `Content-Length`
 * above the limit is refused before reading (an encoded body decodes to at least about as many
 * bytes), and a stream that grows past it is cancelled. Rejects with {@link BodyLimitExceeded},
 * or with whatever the stream rejects with (an abort).
 *
 * When the headers tell how many bytes will be read, the body is read straight into one buffer of
 * that size, so a large body is never held twice (chunks and their concatenation).
 */
export async function readBodyCapped(response: Response, limit: number): Promise<Uint8Array> {
  const announced = announcedLength(response.headers)
  if (announced !== undefined && announced > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyLimitExceeded(limit, announced)
  }
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  const expected = decodedLength(response.headers)
  // One buffer of the expected size; grown (by doubling, within the limit) should more arrive.
  let body = expected === undefined ? undefined : new Uint8Array(expected)
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const end = size + value.byteLength
    if (end > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyLimitExceeded(limit, end)
    }
    if (body === undefined) {
      chunks.push(value)
    } else {
      if (end > body.byteLength) {
        const grown = new Uint8Array(Math.min(limit, Math.max(end, body.byteLength * 2)))
        grown.set(body.subarray(0, size))
        body = grown
      }
      body.set(value, size)
    }
    size = end
  }
  if (body !== undefined) return size === body.byteLength ? body : body.slice(0, size)
  return joinChunks(chunks, size)
}
