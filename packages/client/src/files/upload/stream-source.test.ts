import { describe, expect, test } from 'vitest'
import { SourceReadError } from '../../errors/source-read-error.ts'
import { streamSource } from './stream-source.ts'

function numbered(n: number, piece: number, pulls: number[] = []): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream(
    {
      pull(controller) {
        if (at >= n) return controller.close()
        const end = Math.min(at + piece, n)
        controller.enqueue(Uint8Array.from({ length: end - at }, (_, i) => (at + i) & 0xff))
        at = end
        pulls.push(at)
      },
    },
    { highWaterMark: 0 },
  )
}

const range = (from: number, to: number) => Uint8Array.from({ length: to - from }, (_, i) => (from + i) & 0xff)

describe('streamSource', () => {
  test('reads any offset from the last release on, across pieces, pulling only what it needs', async () => {
    const pulls: number[] = []
    const source = streamSource(numbered(100, 7, pulls))
    expect(await source.read(0, 10)).toEqual(range(0, 10))
    expect(pulls).toEqual([7, 14])
    expect(await source.read(5, 20)).toEqual(range(5, 25))
    source.release(12)
    expect(await source.read(12, 3)).toEqual(range(12, 15))
    expect(await source.read(15, 500)).toEqual(range(15, 100))
    expect(await source.read(100, 5)).toEqual(new Uint8Array())
  })

  test('an offset past what was read, to read or to release, is refused without pulling the span skipped', async () => {
    const pulls: number[] = []
    const source = streamSource(numbered(1_000_000, 100, pulls), 1_000_000)
    await source.read(0, 150)
    expect(pulls).toEqual([100, 200])
    await expect(source.read(201, 10)).rejects.toMatchObject({ code: 'source-read', reason: 'unread', offset: 201, expected: 200 })
    expect(() => source.release(500_000)).toThrow(SourceReadError)
    expect(() => source.release(500_000)).toThrow(/offset 500000, past the 200 bytes read so far/)
    expect(pulls).toEqual([100, 200])
    // Reading on from exactly what was read is the forward read every upload makes.
    expect(await source.read(200, 10)).toEqual(range(200, 210))
    source.release(210)
  })

  test('a read before the released offset is a SourceReadError naming both offsets', async () => {
    const source = streamSource(numbered(50, 10))
    await source.read(0, 20)
    source.release(15)
    const error = await source.read(14, 1).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SourceReadError)
    expect(error).toMatchObject({ code: 'source-read', reason: 'released', offset: 14, expected: 15 })
  })

  test('the size is unknown until the end, then known; a declared size is checked both ways', async () => {
    const open = streamSource(numbered(25, 10))
    expect(open.size).toBeUndefined()
    await open.read(0, 100)
    expect(open.size).toBe(25)
    await expect(streamSource(numbered(25, 10), 30).read(0, 100)).rejects.toMatchObject({
      reason: 'size-mismatch',
      offset: 25,
      expected: 30,
    })
    await expect(streamSource(numbered(25, 10), 20).read(0, 100)).rejects.toMatchObject({
      reason: 'size-mismatch',
      offset: 25,
      expected: 20,
    })
  })

  test('holds at most the unreleased bytes: what a read pulls beyond stays bounded by one piece', async () => {
    // Reading 1000-byte chunks of a 1 MB stream, releasing each: the stream is pulled no further
    // than the chunk asked for plus the rest of the piece that ends it.
    const pulls: number[] = []
    const source = streamSource(numbered(1_000_000, 333, pulls))
    let worst = 0
    for (let offset = 0; offset < 1_000_000; offset += 1000) {
      const chunk = await source.read(offset, 1000)
      worst = Math.max(worst, (pulls.at(-1) ?? 0) - offset)
      source.release(offset + chunk.byteLength)
    }
    expect(worst).toBeLessThan(1000 + 333)
  })

  test('close cancels the stream', async () => {
    let cancelled = false
    const source = streamSource(
      new ReadableStream({
        cancel: () => {
          cancelled = true
        },
      }),
    )
    await source.close()
    expect(cancelled).toBe(true)
  })
})
