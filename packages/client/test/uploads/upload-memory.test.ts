// Memory of an upload from a stream is bounded by the chunk size, whatever the file's size: the
// bytes taken from the stream and not yet confirmed by the server peak at the same value for n and
// 4n bytes (a ratio, not a wall-clock or heap measure), by ranged PUT and by SabreDAV's PATCH.
import { describe, expect, test } from 'vitest'
import type { DavServerUploads } from '../../../testing/src/uploads/upload-options.ts'
import { pattern, streamOf, uploadSetup } from './upload-setup.ts'

const MECHANISMS = [
  ['ranged-put', { rangedPut: true }, 'PUT'],
  ['sabre-patch', { sabrePatch: true }, 'PATCH'],
] as const satisfies readonly (readonly [string, DavServerUploads, string])[]

async function peakUnconfirmed(
  uploads: DavServerUploads,
  method: string,
  size: number,
  chunkSize: number,
  cutEvery?: number,
): Promise<number> {
  const { files, server, cut } = uploadSetup(uploads)
  if (cutEvery !== undefined) for (let nth = 3; nth < size / chunkSize; nth += cutEvery) cut(method, nth, chunkSize / 2)
  let confirmed = 0
  let peak = 0
  const stream = streamOf(pattern(size), 1000, (pulled) => {
    peak = Math.max(peak, pulled - confirmed)
  })
  const done = await files.upload('m.bin', stream, { chunkSize, onProgress: (p) => (confirmed = p.loaded) })
  expect(server.read('/m.bin')?.content.byteLength).toBe(size)
  expect(done.resumes > 0).toBe(cutEvery !== undefined)
  return peak
}

describe.each(MECHANISMS)('upload memory by %s', (_, uploads, method) => {
  test('the unconfirmed bytes a stream upload holds peak the same for n and 4n bytes, below chunk size plus a piece', async () => {
    const chunkSize = 16_000
    const small = await peakUnconfirmed(uploads, method, 200_000, chunkSize)
    const large = await peakUnconfirmed(uploads, method, 800_000, chunkSize)
    expect(large / small).toBe(1)
    expect(small).toBeLessThanOrEqual(chunkSize + 1000)
  })

  test('the same with a chunk cut every few chunks and resumed', async () => {
    const chunkSize = 16_000
    const small = await peakUnconfirmed(uploads, method, 200_000, chunkSize, 3)
    const large = await peakUnconfirmed(uploads, method, 800_000, chunkSize, 3)
    expect(large / small).toBe(1)
  })
})
