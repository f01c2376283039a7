import { describe, expect, test } from 'vitest'
import type { BodySink } from './body-sink.ts'
import { type ChunkSource, itemsAsRead } from './items-as-read.ts'

/** A body of `chunks` chunks of `chunkBytes` bytes each, counting its reads and whether it was cancelled. */
function chunks(count: number, chunkBytes: number): ChunkSource & { reads: number; cancelled: boolean } {
  const source = {
    reads: 0,
    cancelled: false,
    async read(): Promise<ReadableStreamReadResult<Uint8Array>> {
      source.reads++
      if (source.reads > count) return { done: true, value: undefined }
      return { done: false, value: new Uint8Array(chunkBytes).fill(source.reads) }
    },
    async cancel(): Promise<void> {
      source.cancelled = true
    },
  }
  return source
}

/** A sink that emits the running byte count every `itemBytes` bytes, and counts what it emitted. */
function everyBytes(itemBytes: number): { sinkFor: (emit: (item: number) => void) => BodySink<void>; emitted: () => number } {
  let emitted = 0
  const sinkFor = (emit: (item: number) => void): BodySink<void> => {
    let size = 0
    return {
      write(chunk) {
        for (let index = 0; index < chunk.byteLength; index++) {
          if (++size % itemBytes === 0) {
            emitted++
            emit(size)
          }
        }
      },
      end() {},
    }
  }
  return { sinkFor, emitted: () => emitted }
}

/** The most items decoded but not yet taken, seen from the consumer, over a whole body. */
async function mostWaiting(chunkBytes: number, pieceBytes: number): Promise<{ waiting: number; taken: number }> {
  const source = chunks(4, chunkBytes)
  const { sinkFor, emitted } = everyBytes(100)
  let taken = 0
  let waiting = 0
  for await (const _ of itemsAsRead(source, sinkFor, pieceBytes)) {
    taken++
    waiting = Math.max(waiting, emitted() - taken)
  }
  return { waiting, taken }
}

describe('itemsAsRead', () => {
  test('hands out every item in order, across chunk and piece boundaries', async () => {
    const { sinkFor } = everyBytes(300)
    const items: number[] = []
    for await (const item of itemsAsRead(chunks(3, 1000), sinkFor, 256)) items.push(item)
    expect(items).toEqual(Array.from({ length: 10 }, (_, index) => (index + 1) * 300))
  })

  test('what waits for the consumer stays one piece whatever the chunk size', async () => {
    // 100-byte items, 2 KB pieces: at most 21 items wait, as chunks grow sixteenfold.
    const sizes = [64 * 1024, 128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024]
    const results = await Promise.all(sizes.map((size) => mostWaiting(size, 2048)))
    for (const [index, result] of results.entries()) {
      expect(result.taken).toBe(Math.floor(((sizes[index] as number) * 4) / 100))
      expect(result.waiting).toBeLessThanOrEqual(Math.ceil(2048 / 100))
    }
    // Given whole, a chunk's items would all wait: the bound above is the pieces' doing.
    expect((await mostWaiting(64 * 1024, 64 * 1024)).waiting).toBeGreaterThan(600)
  })

  test('reads the next chunk only once every item before it was taken', async () => {
    const source = chunks(5, 10_000)
    const { sinkFor, emitted } = everyBytes(100)
    const read = source.read
    let taken = 0
    const waitingAtReads: number[] = []
    source.read = () => {
      waitingAtReads.push(emitted() - taken)
      return read()
    }
    for await (const _ of itemsAsRead(source, sinkFor)) taken++
    expect(taken).toBe(500)
    expect(waitingAtReads).toEqual([0, 0, 0, 0, 0, 0])
  })

  test('a sink failure comes after the items emitted before it; the source is cancelled', async () => {
    const source = chunks(3, 1000)
    const failure = new Error('malformed')
    const sinkFor = (emit: (item: number) => void): BodySink<void> => {
      let size = 0
      return {
        write(chunk) {
          size += chunk.byteLength
          emit(size)
          if (size >= 1500) throw failure
        },
        end() {},
      }
    }
    const items: number[] = []
    await expect(
      (async () => {
        for await (const item of itemsAsRead(source, sinkFor, 500)) items.push(item)
      })(),
    ).rejects.toBe(failure)
    expect(items).toEqual([500, 1000, 1500])
    expect(source.cancelled).toBe(true)
  })

  test('a failure at the end comes after the items the end emitted; a finished body is not cancelled', async () => {
    const source = chunks(1, 10)
    const failure = new Error('incomplete')
    const sinkFor = (emit: (item: string) => void): BodySink<void> => ({
      write: () => emit('written'),
      end() {
        emit('ended')
        throw failure
      },
    })
    const items: string[] = []
    await expect(
      (async () => {
        for await (const item of itemsAsRead(source, sinkFor)) items.push(item)
      })(),
    ).rejects.toBe(failure)
    expect(items).toEqual(['written', 'ended'])

    const complete = chunks(2, 10)
    for await (const _ of itemsAsRead(complete, () => ({ write() {}, end() {} }))) {
      // nothing is emitted
    }
    expect(complete.cancelled).toBe(false)
  })

  test('leaving early cancels the source and reads no further', async () => {
    const source = chunks(100, 1000)
    const { sinkFor } = everyBytes(100)
    let taken = 0
    for await (const _ of itemsAsRead(source, sinkFor)) {
      if (++taken === 15) break
    }
    expect(source.cancelled).toBe(true)
    expect(source.reads).toBe(2)
  })
})
