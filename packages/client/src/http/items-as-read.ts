import type { BodySink } from './body-sink.ts'

/**
 * How many bytes of a chunk a sink decodes at a time. A 64 KB network chunk holds about a hundred
 * listing entries: decoded whole, they all stay alive until the consumer has taken the last, and
 * each young-generation collection in between copies them. V8 grows the young generation by the
 * bytes its collections copy, so a listing of 10^6 entries grew it to its maximum (128 MB). A
 * piece of 1 KB holds an entry or two: at 10^5 entries the young generation stays at 16 MB.
 */
export const SINK_PIECE_BYTES = 1024

/** The chunks of a body, one read at a time, and a way to give up the rest. */
export interface ChunkSource {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>
  cancel(): Promise<void>
}

/**
 * Feeds a body to a sink as it arrives and hands out, in order, the items the sink emits. Each
 * chunk goes to the sink in pieces of `pieceBytes` (views, not copies), and the items a piece
 * completes are handed out before the next piece is decoded; the next chunk is read only once
 * they all have been taken. What waits for the consumer is thus the items of one piece, however
 * large the chunks, and nothing is read ahead of it.
 *
 * If the sink throws (from `write` or `end`), the items it emitted before are handed out first,
 * then its error is thrown. A failed read rejects as the source did. Leaving early (`break`,
 * `return`, an exception, a failure) cancels the source.
 */
export async function* itemsAsRead<T>(
  source: ChunkSource,
  sinkFor: (emit: (item: T) => void) => BodySink<unknown>,
  pieceBytes: number = SINK_PIECE_BYTES,
): AsyncGenerator<T, void, undefined> {
  let pending: T[] = []
  const sink = sinkFor((item) => pending.push(item))
  let finished = false
  try {
    for (;;) {
      const { done, value } = await source.read()
      const size = done ? 0 : value.byteLength
      let offset = 0
      do {
        let failed = false
        let failure: unknown
        try {
          if (done) sink.end()
          else sink.write(size <= pieceBytes ? value : value.subarray(offset, offset + pieceBytes))
        } catch (error) {
          failed = true
          failure = error
        }
        offset += pieceBytes
        if (pending.length > 0) {
          const ready = pending
          pending = []
          for (const item of ready) yield item
        }
        if (failed) throw failure
      } while (offset < size)
      if (done) {
        finished = true
        return
      }
    }
  } finally {
    if (!finished) await source.cancel().catch(() => undefined)
  }
}
