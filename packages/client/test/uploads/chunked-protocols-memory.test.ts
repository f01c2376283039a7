// Memory of a TUS or Nextcloud chunked upload from a stream is bounded by the chunk size, as
// upload-memory.test.ts measures it for the partial writes: the bytes taken from the stream and not
// yet confirmed peak at the same value for n and 4n bytes (a ratio, not a wall-clock or heap measure).
import { describe, expect, test } from 'vitest'
import { createDavFiles } from '../../src/index.ts'
import { type UploadHarness, uploadHarness } from '../support/upload-harness.ts'
import { pattern, streamOf } from './upload-setup.ts'

describe('upload memory, TUS and Nextcloud chunking', () => {
  const MIB = 1024 * 1024

  /** The peak of stream bytes taken and not confirmed, through a driver, with `intercept` on the requests. */
  async function peakThrough(
    mechanism: 'tus' | 'nextcloud-chunking',
    size: number,
    chunkSize: number,
    intercept?: UploadHarness['intercept'],
  ): Promise<{ readonly peak: number; readonly taken: number; readonly failure: unknown }> {
    const nextcloud = mechanism === 'nextcloud-chunking'
    const h = uploadHarness(
      nextcloud
        ? { basePath: '/remote.php/dav/files/alice/', uploads: { nextcloudChunking: { uploadsPath: '/remote.php/dav/uploads/alice/' } } }
        : { uploads: { tus: true } },
    )
    if (intercept !== undefined) h.intercept = intercept
    let confirmed = 0
    let peak = 0
    let taken = 0
    // Pieces that divide the chunk, so that n and 4n bytes reach the same peak.
    const stream = streamOf(pattern(size), nextcloud ? 1024 : 1000, (pulled) => {
      peak = Math.max(peak, pulled - confirmed)
      taken = pulled
    })
    const failure = await createDavFiles(h.dav)
      .upload('m.bin', stream, { mechanism, chunkSize, onProgress: (p) => (confirmed = p.loaded) })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    if (failure === undefined) expect(h.server.read('/m.bin')?.content.byteLength).toBe(size)
    return { peak, taken, failure }
  }

  test('TUS: the unconfirmed bytes peak the same for n and 4n bytes, below chunk size plus a piece', async () => {
    const small = await peakThrough('tus', 200_000, 16_000)
    const large = await peakThrough('tus', 800_000, 16_000)
    expect(large.peak / small.peak).toBe(1)
    expect(small.peak).toBeLessThanOrEqual(16_000 + 1000)
  })

  test('TUS: a HEAD claiming far more than was sent fails as offset-mismatch without taking the span from the stream', async () => {
    const chunkSize = 16_000
    const claim = (request: Request, index: number) => {
      if (index === 4) return 'lose' as const
      if (request.method !== 'HEAD') return 'pass' as const
      const headers = { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(100 * chunkSize), 'Upload-Defer-Length': '1' }
      return { answer: () => new Response(null, { status: 200, headers }) }
    }
    const { peak, taken, failure } = await peakThrough('tus', 200 * chunkSize, chunkSize, claim)
    expect(failure).toMatchObject({ outcome: 'offset-mismatch', status: 200 })
    expect(peak).toBeLessThanOrEqual(chunkSize + 1000)
    // Three chunks were sent (the third's answer lost): nothing of the claimed span was read.
    expect(taken).toBeLessThanOrEqual(3 * chunkSize + 1000)
  })

  test('Nextcloud: the unconfirmed bytes peak the same for n and 4n bytes, at the 5 MiB chunk plus a piece', async () => {
    const small = await peakThrough('nextcloud-chunking', 11 * MIB, MIB)
    const large = await peakThrough('nextcloud-chunking', 44 * MIB, MIB)
    expect(large.peak / small.peak).toBe(1)
    expect(small.peak).toBeLessThanOrEqual(5 * MIB + 1024)
  }, 30_000)
})
