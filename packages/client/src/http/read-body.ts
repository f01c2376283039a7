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
function announcedLength(headers: Headers): number | undefined {
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
 */
export async function readBodyCapped(response: Response, limit: number): Promise<Uint8Array> {
  const announced = announcedLength(response.headers)
  if (announced !== undefined && announced > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyLimitExceeded(limit, announced)
  }
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyLimitExceeded(limit, size)
    }
    chunks.push(value)
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0]
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}
