import { describe, expect, test } from 'vitest'
import { FileOperationError, chunkSourceOf, createDavFiles, streamSource, type DavClientOptions } from '../../src/index.ts'
import type { DavServerUploads } from '../../../testing/src/uploads/upload-options.ts'
import { fakeSetup } from '../content/fake-server.ts'

const RETRY: DavClientOptions['retry'] = { retries: 3, minDelayMs: 0, maxDelayMs: 0, jitter: false }

function setup(uploads: DavServerUploads = {}, seed: Record<string, unknown> = {}) {
  const fake = fakeSetup({ uploads, seed: seed as never }, { retry: RETRY })
  return { ...fake, files: createDavFiles(fake.dav) }
}

/** Bytes 0..n-1 in a pattern that shows any misplaced byte. */
function pattern(n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >>> 8)) & 0xff
  return out
}

function streamOf(bytes: Uint8Array, piece = 1000): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close()
      controller.enqueue(bytes.slice(at, at + piece))
      at += piece
    },
  })
}

const methodsOf = (requests: Request[]) => requests.map((r) => `${r.method}${r.headers.has('content-range') ? ' ranged' : ''}`)

describe('files.upload', () => {
  test('auto with nothing offered: one plain PUT, the fallback', async () => {
    const { files, server, requests } = setup()
    const done = await files.upload('a.bin', pattern(5000), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'put', choice: 'fallback', size: 5000, bytesSent: 5000, resumes: 0 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(5000))
    expect(methodsOf(requests)).toEqual(['OPTIONS', 'PUT'])
  })

  test('auto with ranged PUT offered: chunks by Content-Range, byte-identical', async () => {
    const { files, server, requests } = setup({ rangedPut: true })
    const done = await files.upload('a.bin', pattern(5500), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'ranged-put', choice: 'detected', size: 5500, bytesSent: 5500, resumes: 0 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(5500))
    expect(methodsOf(requests)).toEqual(['OPTIONS', 'PUT', ...Array(5).fill('PUT ranged'), 'HEAD'])
    expect(requests[2]?.headers.get('content-range')).toBe('bytes 1000-1999/5500')
  })

  test('auto with SabreDAV partial update offered', async () => {
    const { files, server, requests } = setup({ sabrePatch: true })
    const done = await files.upload('a.bin', pattern(2500), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'sabre-patch', choice: 'detected', size: 2500 })
    expect(server.read('/a.bin')?.content).toEqual(pattern(2500))
    expect(requests.map((r) => r.method)).toEqual(['OPTIONS', 'PUT', 'PATCH', 'PATCH', 'HEAD'])
    expect(requests[3]?.headers.get('x-update-range')).toBe('bytes=2000-2499')
  })

  test('a stream of unknown size by ranged PUT', async () => {
    const { files, server, requests } = setup({ rangedPut: true })
    const done = await files.upload('s.bin', streamOf(pattern(3000), 700), { chunkSize: 1000 })
    expect(done).toMatchObject({ mechanism: 'ranged-put', size: 3000 })
    expect(server.read('/s.bin')?.content).toEqual(pattern(3000))
    expect(requests[2]?.headers.get('content-range')).toBe('bytes 1000-1999/*')
  })

  test('0 bytes', async () => {
    const { files, server } = setup({ rangedPut: true })
    expect(await files.upload('z.bin', new Uint8Array())).toMatchObject({ size: 0, bytesSent: 0 })
    expect(server.read('/z.bin')?.content).toEqual(new Uint8Array())
  })

  test('a refused chunk (503) is resumed from the length the server holds', async () => {
    const { files, server, requests } = setup({ rangedPut: true })
    server.faults.status(503, { method: 'PUT', times: 1 })
    await files.upload('a.bin', pattern(3000), { chunkSize: 1000, mechanism: 'ranged-put' }).then(
      (d) => expect(d).toMatchObject({ resumes: 1 }),
    )
    expect(server.read('/a.bin')?.content).toEqual(pattern(3000))
    void requests
  })

  test('an explicit ranged PUT the server refuses fails as mechanism-refused', async () => {
    const { files } = setup()
    const error = await files.upload('a.bin', pattern(3000), { chunkSize: 1000, mechanism: 'ranged-put' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileOperationError)
    expect(error).toMatchObject({ operation: 'upload', outcome: 'mechanism-refused', status: 400 })
  })

  test('sources', async () => {
    expect(chunkSourceOf('é').size).toBe(2)
    const s = streamSource(streamOf(pattern(10), 3), 10)
    expect(await s.read(0, 4)).toEqual(pattern(10).subarray(0, 4))
  })
})
