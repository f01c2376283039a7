import type { ChunkSource } from '../../src/files/upload/chunk-source.ts'

/** What a test learns of how a mechanism read its source. */
export interface ObservedChunkSource extends ChunkSource {
  /** The largest number of bytes handed out by one read. */
  readonly largestRead: number
  readonly released: number
}

/**
 * A chunk source over bytes, for driving upload mechanisms directly. `stream: true` behaves as a
 * stream does: no size known up front, and no read before the last release.
 */
export function bytesChunkSource(bytes: Uint8Array, options: { readonly stream?: boolean } = {}): ObservedChunkSource {
  let largestRead = 0
  let released = 0
  const stream = options.stream === true
  return {
    size: stream ? undefined : bytes.byteLength,
    get largestRead() {
      return largestRead
    },
    get released() {
      return released
    },
    async read(offset, length) {
      if (stream && offset < released) throw new RangeError(`read at ${offset}, before the release at ${released}`)
      const out = bytes.slice(offset, offset + length)
      largestRead = Math.max(largestRead, out.byteLength)
      return out
    },
    release(offset) {
      released = Math.max(released, offset)
    },
    async close() {},
  }
}

/** Bytes that differ at every offset within 251 bytes, so a misplaced range shows. */
export function patternBytes(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) % 251
  return out
}
