import type { ChunkSource } from './chunk-source.ts'

/** A source over a Blob (or a browser `File`): each read slices the Blob, so it is never read whole. */
export function blobSource(blob: Blob): ChunkSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
    release: () => undefined,
    close: () => Promise.resolve(),
  }
}
