// Memory of an upload from a stream is bounded by the chunk size, whatever the file's size: the
// bytes taken from the stream and not yet confirmed by the server peak at the same value for n and
// 4n bytes (a ratio, not a wall-clock or heap measure).
import { describe, expect, test } from 'vitest'
import { pattern, streamOf, uploadSetup } from './upload-setup.ts'

async function peakUnconfirmed(size: number, chunkSize: number, cutEvery?: number): Promise<number> {
  const { files, server, cut } = uploadSetup({ rangedPut: true })
  if (cutEvery !== undefined) for (let nth = 3; nth < size / chunkSize; nth += cutEvery) cut('PUT', nth, chunkSize / 2)
  let confirmed = 0
  let peak = 0
  const stream = streamOf(pattern(size), 1000, (pulled) => {
    peak = Math.max(peak, pulled - confirmed)
  })
  await files.upload('m.bin', stream, { chunkSize, onProgress: (p) => (confirmed = p.loaded) })
  expect(server.read('/m.bin')?.content.byteLength).toBe(size)
  return peak
}

describe('upload memory', () => {
  test('the unconfirmed bytes a stream upload holds peak the same for n and 4n bytes, below chunk size plus a piece', async () => {
    const chunkSize = 16_000
    const small = await peakUnconfirmed(200_000, chunkSize)
    const large = await peakUnconfirmed(800_000, chunkSize)
    expect(large / small).toBe(1)
    expect(small).toBeLessThanOrEqual(chunkSize + 1000)
  })

  test('the same with a chunk cut every few chunks and resumed', async () => {
    const chunkSize = 16_000
    const small = await peakUnconfirmed(200_000, chunkSize, 3)
    const large = await peakUnconfirmed(800_000, chunkSize, 3)
    expect(large / small).toBe(1)
  })
})
