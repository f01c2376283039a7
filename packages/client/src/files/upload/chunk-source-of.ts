import { blobSource } from './blob-source.ts'
import { bytesSource } from './bytes-source.ts'
import type { ChunkSource } from './chunk-source.ts'
import { streamSource } from './stream-source.ts'

// The bytes or Blob behind a source made here, so that a plain PUT can hand them to `fetch` as
// they are (a Blob is then streamed by the runtime itself, also where request streams are not).
const native = new WeakMap<ChunkSource, Uint8Array | Blob>()

/** The bytes or Blob a source was made from by {@link chunkSourceOf}, if it was. */
export function nativeBodyOf(source: ChunkSource): Uint8Array | Blob | undefined {
  return native.get(source)
}

function remember(source: ChunkSource, body: Uint8Array | Blob): ChunkSource {
  native.set(source, body)
  return source
}

/** What an upload can read from: text (sent as UTF-8), bytes, a Blob, a stream, or a source of one's own. */
export type UploadSource = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | ChunkSource

function isChunkSource(source: object): source is ChunkSource {
  return 'read' in source && 'release' in source && 'close' in source && typeof (source as ChunkSource).read === 'function'
}

/**
 * The chunk source of an upload source; a `ChunkSource` is passed through. A stream of known
 * size goes through `streamSource(stream, size)` first, so that the size is declared (and checked).
 */
export function chunkSourceOf(source: UploadSource): ChunkSource {
  if (typeof source === 'string' || source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const bytes =
      typeof source === 'string' ? new TextEncoder().encode(source) : source instanceof ArrayBuffer ? new Uint8Array(source) : source
    return remember(bytesSource(bytes), bytes)
  }
  if (source instanceof Blob) return remember(blobSource(source), source)
  if (source instanceof ReadableStream) return streamSource(source)
  if (isChunkSource(source)) return source
  throw new TypeError('an upload source is text, a Uint8Array, an ArrayBuffer, a Blob, a ReadableStream or a ChunkSource')
}
