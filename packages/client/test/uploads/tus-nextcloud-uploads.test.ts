import { describe, expect, test } from 'vitest'
import type { TransferProgress } from '@davkit/types'
import { createDavFiles, FileOperationError } from '../../src/index.ts'
import { patternBytes } from '../support/bytes-chunk-source.ts'
import { uploadHarness } from '../support/upload-harness.ts'

const MIB = 1024 * 1024

function streamOf(bytes: Uint8Array, piece = 4096): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close()
      controller.enqueue(bytes.slice(at, at + piece))
      at += piece
    },
  })
}

function same(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  return actual !== undefined && Buffer.from(actual).equals(Buffer.from(expected))
}

describe('files.upload over TUS', () => {
  test('detected from OPTIONS, before ranged PUT; a cut PATCH resumes from what the server kept', async () => {
    const h = uploadHarness({ uploads: { tus: true, rangedPut: true }, seed: { docs: {} } })
    const files = createDavFiles(h.dav)
    h.server.faults.cutRequestBody(700, { method: 'PATCH', path: /^\/\.tus\//, times: 1 })
    const bytes = patternBytes(10_000)
    const progress: TransferProgress[] = []
    const done = await files.upload('docs/a.bin', bytes, { chunkSize: 4096, onProgress: (p) => progress.push(p) })
    expect(done).toMatchObject({ mechanism: 'tus', choice: 'detected', size: 10_000, resumes: 1, bytesSent: 10_000 + 4096 - 700 })
    expect(same(h.server.read('/docs/a.bin')?.content, bytes)).toBe(true)
    // One OPTIONS: the driver reads the Tus-* headers of the answer the mechanism was detected from.
    expect(h.sent.map((s) => s.method)).toEqual(['OPTIONS', 'POST', 'PATCH', 'HEAD', 'PATCH', 'PATCH', 'PATCH'])
    expect(progress.map((p) => p.loaded)).toEqual([700, 700 + 4096, 700 + 2 * 4096, 10_000])
  })

  test('a ReadableStream of unknown size: Upload-Defer-Length, the length with the last PATCH', async () => {
    const h = uploadHarness({ uploads: { tus: true }, seed: { docs: {} } })
    const bytes = patternBytes(3 * MIB + 5)
    const done = await createDavFiles(h.dav).upload('docs/s.bin', streamOf(bytes), { chunkSize: MIB })
    expect(done).toMatchObject({ mechanism: 'tus', size: bytes.byteLength })
    expect(same(h.server.read('/docs/s.bin')?.content, bytes)).toBe(true)
    expect(h.sent.find((s) => s.method === 'POST')?.headers.get('upload-defer-length')).toBe('1')
  })

  test('asked for on a server without TUS: mechanism-refused, nothing written', async () => {
    const h = uploadHarness({ seed: { docs: {} } })
    const failure = await createDavFiles(h.dav)
      .upload('docs/a.bin', 'abc', { mechanism: 'tus' })
      .catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(FileOperationError)
    expect(failure).toMatchObject({ operation: 'upload', outcome: 'mechanism-refused' })
    expect(h.server.exists('/docs/a.bin')).toBe(false)
  })
})

describe('files.upload over Nextcloud chunking', () => {
  const nextcloud = () =>
    uploadHarness({
      basePath: '/remote.php/dav/files/alice/',
      uploads: { nextcloudChunking: { uploadsPath: '/remote.php/dav/uploads/alice/' } },
      seed: { docs: {} },
    })

  test('detected from the URL and the DAV token; a cut chunk is sent again; the file byte-identical', async () => {
    const h = nextcloud()
    h.server.faults.cutRequestBody(MIB, { method: 'PUT', times: 1 })
    const bytes = patternBytes(11 * MIB)
    const progress: TransferProgress[] = []
    const done = await createDavFiles(h.dav).upload('docs/big.bin', bytes, { chunkSize: MIB, onProgress: (p) => progress.push(p) })
    expect(done).toMatchObject({ mechanism: 'nextcloud-chunking', choice: 'detected', size: 11 * MIB, resumes: 1 })
    expect(same(h.server.read('/docs/big.bin')?.content, bytes)).toBe(true)
    expect(done.etag).toBe(h.server.read('/docs/big.bin')?.etag)
    expect(progress.map((p) => p.loaded)).toEqual([5 * MIB, 10 * MIB, 11 * MIB])
    expect(h.sent.filter((s) => s.method === 'PUT').map((s) => s.size)).toEqual([5 * MIB, 5 * MIB, 5 * MIB, MIB])
  })

  test('the same URL shape without Nextcloud chunking offered: the plain PUT fallback', async () => {
    const h = uploadHarness({ basePath: '/remote.php/dav/files/alice/', seed: { docs: {} } })
    const done = await createDavFiles(h.dav).upload('docs/a.bin', 'abc')
    expect(done).toMatchObject({ mechanism: 'put', choice: 'fallback' })
  })
})
