import { SourceReadError } from '../../errors/source-read-error.ts'
import type { ChunkSource } from './chunk-source.ts'

/**
 * A source over a stream, read forward. It holds the bytes from the last `release` on (what the
 * server has not confirmed), so that a resumed upload can send them again; with a driver
 * releasing each chunk once confirmed that is at most one chunk, plus the rest of the stream's
 * last piece. `size`, when given, is checked against what the stream holds; otherwise it becomes
 * known once the stream has ended.
 */
export function streamSource(stream: ReadableStream<Uint8Array>, size?: number): ChunkSource {
  const reader = stream.getReader()
  // The pieces held, in order, the first starting at `heldFrom`.
  let pieces: Uint8Array[] = []
  let heldFrom = 0
  let heldTo = 0
  let released = 0
  let ended = false

  async function fill(until: number): Promise<void> {
    while (!ended && heldTo < until) {
      const next = await reader.read()
      if (next.done) {
        ended = true
        if (size !== undefined && heldTo !== size) throw new SourceReadError('size-mismatch', heldTo, size)
        break
      }
      if (next.value.byteLength === 0) continue
      pieces.push(next.value)
      heldTo += next.value.byteLength
      if (size !== undefined && heldTo > size) throw new SourceReadError('size-mismatch', heldTo, size)
    }
  }

  function drop(before: number): void {
    while (pieces.length > 0) {
      const first = pieces[0] as Uint8Array
      if (heldFrom + first.byteLength > before) break
      heldFrom += first.byteLength
      pieces.shift()
    }
    const first = pieces[0]
    if (first !== undefined && before > heldFrom) {
      // A copy, so the part let go does not keep the piece's whole buffer alive.
      pieces[0] = first.slice(before - heldFrom)
      heldFrom = before
    }
  }

  return {
    get size() {
      return size ?? (ended ? heldTo : undefined)
    },
    async read(offset, length) {
      if (offset < released) throw new SourceReadError('released', offset, released)
      // Reading on from past what was read would hold the whole span skipped: a server claiming an
      // offset beyond what it was sent must not make a stream buffer it.
      if (offset > heldTo) throw new SourceReadError('unread', offset, heldTo)
      await fill(offset + length)
      const end = Math.min(offset + length, heldTo)
      const out = new Uint8Array(Math.max(0, end - offset))
      let at = heldFrom
      for (const piece of pieces) {
        const from = Math.max(offset, at)
        const to = Math.min(end, at + piece.byteLength)
        if (from < to) out.set(piece.subarray(from - at, to - at), from - offset)
        at += piece.byteLength
        if (at >= end) break
      }
      return out
    },
    release(offset) {
      if (offset > heldTo) throw new SourceReadError('unread', offset, heldTo)
      if (offset <= released) return
      released = offset
      drop(offset)
    },
    async close() {
      pieces = []
      await reader.cancel().catch(() => undefined)
    },
  }
}
