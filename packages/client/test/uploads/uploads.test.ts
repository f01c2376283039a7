import { describe, expect, test } from 'vitest'
import type { TransferProgress } from '@davkit/types'
import { FileOperationError, RequestAbortedError, streamSource } from '../../src/index.ts'
import { pattern, RETRY, streamOf, uploadSetup } from './upload-setup.ts'

const shapes = (sent: { method: string; headers: Headers }[]) =>
  sent.map(
    (r) =>
      `${r.method}${r.headers.has('content-range') ? ` ${r.headers.get('content-range')}` : ''}${r.headers.has('x-update-range') ? ` ${r.headers.get('x-update-range')}` : ''}`,
  )

function monotonic(progress: readonly TransferProgress[]): boolean {
  return progress.every((p, i) => i === 0 || p.loaded > (progress[i - 1] as TransferProgress).loaded)
}

describe('files.upload: choosing the mechanism', () => {
  test('nothing offered: one OPTIONS on the folder, then one plain PUT, the fallback', async () => {
    const { files, server, sent } = uploadSetup()
    await files.createFolder('docs')
    sent.length = 0
    const done = await files.upload('docs/a.bin', pattern(5000), { chunkSize: 1000 })
    expect(done).toEqual({
      mechanism: 'put',
      choice: 'fallback',
      size: 5000,
      bytesSent: 5000,
      resumes: 0,
      etag: expect.stringMatching(/"/),
    })
    expect(server.read('/docs/a.bin')?.content).toEqual(pattern(5000))
    expect(shapes(sent)).toEqual(['OPTIONS', 'PUT'])
    expect(server.journal.entries.find((e) => e.method === 'OPTIONS')?.path).toBe('/docs')
  })

  test('ranged PUT offered: a plain PUT, then Content-Range writes, then a HEAD checking the length', async () => {
    const { files, server, sent } = uploadSetup({ rangedPut: true })
    const done = await files.upload('a.bin', pattern(2500), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'ranged-put', choice: 'detected', size: 2500, bytesSent: 2500, resumes: 0 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(2500))
    expect(shapes(sent)).toEqual(['OPTIONS', 'PUT', 'PUT bytes 1000-1999/2500', 'PUT bytes 2000-2499/2500', 'HEAD'])
  })

  test('SabreDAV partial update offered: PATCH with X-Update-Range', async () => {
    const { files, server, sent } = uploadSetup({ sabrePatch: true })
    const done = await files.upload('a.bin', pattern(2500), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'sabre-patch', choice: 'detected', size: 2500, bytesSent: 2500 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(2500))
    expect(shapes(sent)).toEqual(['OPTIONS', 'PUT', 'PATCH bytes=1000-1999', 'PATCH bytes=2000-2499', 'HEAD'])
    expect(sent[2]?.headers.get('content-type')).toBe('application/x-sabredav-partialupdate')
  })

  test('both offered: ranged PUT comes first in the order of preference', async () => {
    const { files } = uploadSetup({ rangedPut: true, sabrePatch: true })
    expect(await files.upload('a.bin', 'x')).toMatchObject({ mechanism: 'ranged-put', choice: 'detected' })
  })

  test('a requested mechanism is used without asking the server', async () => {
    const { files, sent } = uploadSetup({ rangedPut: true })
    expect(await files.upload('a.bin', pattern(10), { mechanism: 'put' })).toMatchObject({ mechanism: 'put', choice: 'requested' })
    expect(shapes(sent)).toEqual(['PUT'])
  })

  test('a requested mechanism the server refuses fails as mechanism-refused, never another mechanism', async () => {
    for (const mechanism of ['ranged-put', 'sabre-patch'] as const) {
      const { files, sent } = uploadSetup()
      const error = await files.upload('a.bin', pattern(3000), { chunkSize: 1000, mechanism }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FileOperationError)
      expect(error).toMatchObject({
        operation: 'upload',
        path: 'a.bin',
        outcome: 'mechanism-refused',
        status: mechanism === 'ranged-put' ? 400 : 405,
      })
      expect(sent.map((r) => r.method)).toEqual(['PUT', mechanism === 'ranged-put' ? 'PUT' : 'PATCH'])
    }
  })
})

describe('files.upload: sources', () => {
  test('text is sent as UTF-8, an ArrayBuffer as its bytes', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    expect(await files.upload('t.txt', 'héllo', { chunkSize: 2 })).toMatchObject({ size: 6 })
    expect(server.read('/t.txt')?.text).toBe('héllo')
    await files.upload('b.bin', pattern(7).buffer as ArrayBuffer, { chunkSize: 3 })
    expect(server.read('/b.bin')?.content).toEqual(pattern(7))
  })

  test('a stream of unknown size: Content-Range totals are * until the end', async () => {
    const { files, server, sent } = uploadSetup({ rangedPut: true })
    const done = await files.upload('s.bin', streamOf(pattern(3000), 700), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'ranged-put', size: 3000, bytesSent: 3000 })
    expect(server.read('/s.bin')?.content).toEqual(pattern(3000))
    expect(shapes(sent).slice(1)).toEqual(['PUT', 'PUT bytes 1000-1999/*', 'PUT bytes 2000-2999/*', 'HEAD'])
  })

  test('a stream of known size declares it in every range; a size that does not hold fails', async () => {
    const { files, server, sent } = uploadSetup({ rangedPut: true })
    await files.upload('s.bin', streamSource(streamOf(pattern(2500), 300), 2500), { chunkSize: 1000 })
    expect(server.read('/s.bin')?.content).toEqual(pattern(2500))
    expect(shapes(sent).slice(2, 4)).toEqual(['PUT bytes 1000-1999/2500', 'PUT bytes 2000-2499/2500'])
    const error = await files
      .upload('t.bin', streamSource(streamOf(pattern(2500), 300), 2400), { chunkSize: 1000 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'source-read', reason: 'size-mismatch' })
  })

  test('a Blob is sliced chunk by chunk, never read whole', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    const slices: number[] = []
    class WatchedBlob extends Blob {
      override slice(start?: number, end?: number, type?: string): Blob {
        slices.push((end ?? this.size) - (start ?? 0))
        return super.slice(start, end, type)
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        throw new Error('read whole')
      }
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        throw new Error('read whole')
      }
    }
    const blob = new WatchedBlob([pattern(4500) as Uint8Array<ArrayBuffer>], { type: 'application/x-test' })
    await files.upload('blob.bin', blob, { chunkSize: 1000 })
    expect(server.read('/blob.bin')?.content).toEqual(pattern(4500))
    expect(server.read('/blob.bin')?.contentType).toBe('application/x-test')
    expect(Math.max(...slices)).toBe(1000)
  })

  test('0 bytes, by each mechanism', async () => {
    for (const uploads of [{}, { rangedPut: true }, { sabrePatch: true }]) {
      const { files, server } = uploadSetup(uploads)
      expect(await files.upload('z.bin', new Uint8Array())).toMatchObject({ size: 0, bytesSent: 0 })
      expect(await files.upload('s.bin', streamOf(new Uint8Array()))).toMatchObject({ size: 0, bytesSent: 0 })
      expect(server.read('/z.bin')?.content).toEqual(new Uint8Array())
      expect(server.read('/s.bin')?.content).toEqual(new Uint8Array())
    }
  })
})

describe('files.upload: interrupted', () => {
  test.each([
    ['at the start of a chunk', 0],
    ['one byte in', 1],
    ['mid-chunk', 437],
    ['one byte before its end', 999],
  ])('a ranged PUT cut %s resumes from the length the server holds, byte-identical', async (_, afterBytes) => {
    const { files, server, sent, cut } = uploadSetup({ rangedPut: true })
    cut('PUT', 3, afterBytes)
    const progress: TransferProgress[] = []
    const done = await files.upload('a.bin', pattern(4200), { chunkSize: 1000, onProgress: (p) => progress.push(p) })
    expect(server.read('/a.bin')?.content).toEqual(pattern(4200))
    // The cut request's bytes were all taken by fetch, so they count; what the server kept is not sent again.
    expect(done).toMatchObject({ size: 4200, resumes: 1, bytesSent: 5200 - afterBytes })
    expect(shapes(sent)[4]).toBe('HEAD')
    expect(shapes(sent)[5]).toMatch(new RegExp(`^PUT bytes ${2000 + afterBytes}-`))
    expect(monotonic(progress)).toBe(true)
    expect(progress.at(-1)).toEqual({ loaded: 4200, total: 4200 })
    expect(progress.map((p) => p.loaded)).toContain(2000 + afterBytes)
  })

  test('a cut first PUT is sent again whole: Apache drops a cut plain PUT, and a HEAD would see the old file', async () => {
    const { files, server, sent, cut } = uploadSetup({ rangedPut: true })
    await files.writeBytes('a.bin', pattern(9000))
    sent.length = 0
    cut('PUT', 1, 500)
    const done = await files.upload('a.bin', pattern(2500).reverse(), { chunkSize: 1000 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(2500).reverse())
    expect(done).toMatchObject({ resumes: 1, bytesSent: 3500 })
    expect(shapes(sent).slice(1, 4)).toEqual(['PUT', 'PUT', 'PUT bytes 1000-1999/2500'])
  })

  test('a cut PATCH resumes from the length the server holds', async () => {
    const { files, server, cut } = uploadSetup({ sabrePatch: true })
    cut('PATCH', 2, 300)
    const done = await files.upload('a.bin', pattern(4000), { chunkSize: 1000 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(4000))
    expect(done).toMatchObject({ mechanism: 'sabre-patch', resumes: 1, bytesSent: 5000 })
  })

  test('a stream source is resumed within the chunk it holds', async () => {
    const { files, server, cut } = uploadSetup({ rangedPut: true })
    cut('PUT', 4, 10)
    cut('PUT', 6, 900)
    const done = await files.upload('s.bin', streamOf(pattern(6000), 333), { chunkSize: 1000 })
    expect(server.read('/s.bin')?.content).toEqual(pattern(6000))
    expect(done).toMatchObject({ size: 6000, resumes: 2 })
  })

  test('a refused chunk (503) is written again after asking the server; a refused first PUT is sent again whole', async () => {
    const { files, server, sent } = uploadSetup({ rangedPut: true })
    const progress: number[] = []
    const done = await files.upload('a.bin', pattern(3000), {
      chunkSize: 1000,
      mechanism: 'ranged-put',
      onProgress: ({ loaded }) => {
        progress.push(loaded)
        // The chunk after the second one is refused once.
        if (loaded === 2000) server.faults.status(503, { method: 'PUT', times: 1 })
      },
    })
    expect(done).toMatchObject({ resumes: 1, bytesSent: 4000 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(3000))
    expect(shapes(sent)).toEqual([
      'PUT',
      'PUT bytes 1000-1999/3000',
      'PUT bytes 2000-2999/3000',
      'HEAD',
      'PUT bytes 2000-2999/3000',
      'HEAD',
    ])
    expect(progress).toEqual([1000, 2000, 3000])

    const first = uploadSetup({ rangedPut: true })
    first.server.faults.status(503, { method: 'PUT', times: 1 })
    expect(await first.files.upload('b.bin', pattern(1500), { chunkSize: 1000, mechanism: 'ranged-put' })).toMatchObject({ resumes: 1 })
    expect(shapes(first.sent)).toEqual(['PUT', 'PUT', 'PUT bytes 1000-1499/1500', 'HEAD'])
    expect(first.server.read('/b.bin')?.content).toEqual(pattern(1500))
  })

  test('a failure after progress does not use up the retries; failures without progress do', async () => {
    const { files, server, cut } = uploadSetup({ rangedPut: true }, { retries: 1, minDelayMs: 0, maxDelayMs: 0, jitter: false })
    // One retry allowed, yet four cuts each after progress: every resume starts a fresh budget.
    for (const nth of [2, 4, 6, 8]) cut('PUT', nth, 100)
    const done = await files.upload('a.bin', pattern(5000), { chunkSize: 1000 })
    expect(done).toMatchObject({ resumes: 4 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(5000))
    // After the first chunk, three cuts in a row at the same offset (no byte kept): the third finds the one retry used up.
    const again = uploadSetup({ rangedPut: true }, { retries: 1, minDelayMs: 0, maxDelayMs: 0, jitter: false })
    for (const nth of [2, 3, 4]) again.cut('PUT', nth, 0)
    await expect(again.files.upload('a.bin', pattern(5000), { chunkSize: 1000 })).rejects.toMatchObject({ code: 'transport' })
  })

  test('a 4xx on a chunk is not retried: it fails typed', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    server.faults.status(507, { method: 'PUT', times: 1 })
    await expect(files.upload('a.bin', pattern(100))).rejects.toMatchObject({ outcome: 'insufficient-storage', status: 507 })
  })

  test('a plain PUT of bytes is sent again whole; of a stream it cannot be: not-resumable', async () => {
    const { files, server, cut } = uploadSetup()
    cut('PUT', 1, 10)
    expect(await files.upload('a.bin', pattern(3000))).toMatchObject({ mechanism: 'put', resumes: 1, bytesSent: 6000 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(3000))
    cut('PUT', 1, 10)
    const error = await files.upload('s.bin', streamOf(pattern(300_000), 50_000), { chunkSize: 1000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileOperationError)
    expect(error).toMatchObject({ outcome: 'not-resumable', cause: { code: 'source-read', reason: 'released' } })
  })

  test('a server holding fewer bytes than it confirmed fails as offset-mismatch', async () => {
    const { files, server, cut } = uploadSetup({ rangedPut: true })
    cut('PUT', 3, 0)
    server.faults.status(200, { method: 'HEAD', times: 1, headers: { 'Content-Length': '10' } })
    await expect(files.upload('a.bin', pattern(3000), { chunkSize: 1000 })).rejects.toMatchObject({ outcome: 'offset-mismatch' })
  })

  test('resumes counts the times the upload went on, not the attempts that failed to ask the server', async () => {
    const { files, server, cut } = uploadSetup({ rangedPut: true })
    cut('PUT', 2, 500)
    server.faults.status(503, { method: 'HEAD', times: 1 })
    expect(await files.upload('a.bin', pattern(3000), { chunkSize: 1000 })).toMatchObject({ size: 3000, resumes: 1 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(3000))
  })

  test('the HEAD checking the final length is retried like any step', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    server.faults.status(503, { method: 'HEAD', times: 1 })
    expect(await files.upload('a.bin', pattern(3000), { chunkSize: 1000 })).toMatchObject({ size: 3000, resumes: 0 })
    expect(server.journal.entries.filter((e) => e.method === 'HEAD').map((e) => e.status)).toEqual([503, 200])
  })

  test('a server that took each range as the whole body fails as length-mismatch, not success', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    server.faults.status(200, { method: 'HEAD', times: 1, headers: { 'Content-Length': '1000' } })
    const error = await files.upload('a.bin', pattern(3000), { chunkSize: 1000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ operation: 'upload', outcome: 'length-mismatch' })
  })

  test('abort stops the upload with RequestAbortedError', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    const controller = new AbortController()
    const error = await files
      .upload('a.bin', pattern(5000), {
        chunkSize: 1000,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.loaded >= 2000) controller.abort()
        },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(server.read('/a.bin')?.content.byteLength).toBe(2000)
  })
})

describe('files.upload: options', () => {
  test('a file larger than maxResponseBytes: the HEAD that checks its length reads no body', async () => {
    const { files, server } = uploadSetup({ rangedPut: true }, RETRY, { maxResponseBytes: 1000 })
    expect(await files.upload('big.bin', pattern(5000), { chunkSize: 1000 })).toMatchObject({ mechanism: 'ranged-put', size: 5000 })
    expect(server.read('/big.bin')?.content).toEqual(pattern(5000))
  })
  test('overwrite: false refuses an existing file on the first write, and writes a new one', async () => {
    const { files, server, sent } = uploadSetup({ rangedPut: true })
    await files.writeText('a.txt', 'old')
    const error = await files.upload('a.txt', pattern(3000), { chunkSize: 1000, overwrite: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ operation: 'upload', outcome: 'precondition-failed', status: 412 })
    expect(server.read('/a.txt')?.text).toBe('old')
    sent.length = 0
    await files.upload('b.bin', pattern(3000), { chunkSize: 1000, overwrite: false })
    expect(sent.filter((r) => r.headers.get('if-none-match') === '*').length).toBe(1)
    expect(server.read('/b.bin')?.content).toEqual(pattern(3000))
  })

  test('a first PUT whose answer was lost, with overwrite: false, fails as uncertain: the 412 may be its own doing', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    server.faults.cutResponseBody(0, { method: 'PUT', times: 1 })
    const error = await files.upload('new.bin', pattern(3000), { chunkSize: 1000, overwrite: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ operation: 'upload', outcome: 'uncertain', status: 412 })
    expect(server.read('/new.bin')?.content).toEqual(pattern(1000))
  })

  test('the content type: text/plain for text, a Blob its own, else octet-stream, unless given', async () => {
    const { files, server } = uploadSetup()
    await files.upload('t', 'x')
    await files.upload('b', new Blob(['x'], { type: 'image/png' }))
    await files.upload('u', new Uint8Array([1]))
    await files.upload('g', 'x', { contentType: 'text/markdown' })
    expect(['t', 'b', 'u', 'g'].map((name) => server.read(`/${name}`)?.contentType)).toEqual([
      'text/plain; charset=utf-8',
      'image/png',
      'application/octet-stream',
      'text/markdown',
    ])
  })

  test('createParents makes the folders; without it a missing folder fails as conflict', async () => {
    const { files, server } = uploadSetup({ rangedPut: true })
    await expect(files.upload('x/y/a.bin', 'a')).rejects.toMatchObject({ outcome: 'conflict' })
    await files.upload('x/y/a.bin', 'a', { createParents: true, contentType: 'text/x-note' })
    expect(server.read('/x/y/a.bin')).toMatchObject({ text: 'a', contentType: 'text/x-note' })
  })

  test('a chunk size that is not a positive integer is refused before sending', async () => {
    const { files, sent } = uploadSetup()
    await expect(files.upload('a', 'x', { chunkSize: 0 })).rejects.toMatchObject({ code: 'invalid-request' })
    expect(sent).toEqual([])
  })
})
