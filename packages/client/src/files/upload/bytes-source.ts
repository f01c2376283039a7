import type { ChunkSource } from './chunk-source.ts'

/** A source over bytes already in memory (text is encoded as UTF-8 first): reads are views, never copies. */
export function bytesSource(bytes: Uint8Array): ChunkSource {
  return {
    size: bytes.byteLength,
    read: (offset, length) =>
      Promise.resolve(bytes.subarray(Math.min(offset, bytes.byteLength), Math.min(offset + length, bytes.byteLength))),
    release: () => undefined,
    close: () => Promise.resolve(),
  }
}
