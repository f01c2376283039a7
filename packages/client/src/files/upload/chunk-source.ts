/**
 * A source read in chunks. Seekable sources (text, bytes, a Blob, a file) read any offset; a
 * stream reads forward and keeps only the bytes from `release`'s offset on, so that a resumed
 * upload can send again what the server did not confirm, within one chunk.
 */
export interface ChunkSource {
  /** The size in bytes, or `undefined` for a stream whose end is not known yet. */
  readonly size: number | undefined
  /**
   * Up to `length` bytes from `offset` (fewer only at the end; empty past it). For a stream,
   * `offset` must be neither before the last `release` nor past what was read so far.
   */
  read(offset: number, length: number): Promise<Uint8Array>
  /** Says the server confirmed every byte before `offset`: a stream may let them go (never past what it has read). */
  release(offset: number): void
  /** Closes what the source holds open (a file handle, a stream reader). */
  close(): Promise<void>
}
