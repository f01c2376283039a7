import { describe, expect, test } from 'vitest'
import { bytesChunkSource, patternBytes } from '../../../test/support/bytes-chunk-source.ts'
import { uploadHarness } from '../../../test/support/upload-harness.ts'
import { FileOperationError } from '../file-operation-error.ts'
import { nextcloudChunkedUpload } from './nextcloud-chunked-upload.ts'

const MIB = 1024 * 1024
const SIZE = 12 * MIB + 123
const UPLOADS = '/remote.php/dav/uploads/alice/'
const bytes = patternBytes(SIZE)

/** Byte equality of megabytes, without comparing element by element through the matcher. */
function expectSame(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual?.byteLength).toBe(expected.byteLength)
  expect(actual !== undefined && Buffer.from(actual).equals(Buffer.from(expected))).toBe(true)
}

function setup() {
  const h = uploadHarness({
    basePath: '/remote.php/dav/files/alice/',
    uploads: { nextcloudChunking: { uploadsPath: UPLOADS } },
    seed: { docs: {} },
  })
  const calls = () => h.sent.map((s) => `${s.method} ${new URL(s.url).pathname.replace(/davkit-[0-9a-f-]+/, 'ID')}`)
  return { h, calls }
}

describe('nextcloudChunkedUpload.offered', () => {
  const files = new URL('https://cloud.test/remote.php/dav/files/alice/docs/a.bin')
  test('a /remote.php/dav/files/<user>/ URL on a server whose DAV header has Nextcloud tokens', () => {
    expect(
      nextcloudChunkedUpload.offered({ dav: ['1', '3', 'extended-mkcol', 'nextcloud-checksum-update'], headers: new Headers() }, files),
    ).toBe(true)
    expect(nextcloudChunkedUpload.offered({ dav: ['1', 'nc-paginate'], headers: new Headers() }, files)).toBe(true)
  })
  test('not on plain SabreDAV tokens, nor for another URL shape', () => {
    expect(nextcloudChunkedUpload.offered({ dav: ['1', '3', 'extended-mkcol'], headers: new Headers() }, files)).toBe(false)
    const elsewhere = new URL('https://cloud.test/remote.php/webdav/docs/a.bin')
    expect(nextcloudChunkedUpload.offered({ dav: ['1', 'nextcloud-checksum-update'], headers: new Headers() }, elsewhere)).toBe(false)
  })
})

describe('nextcloudChunkedUpload over @davkit/testing', () => {
  test('MKCOL with Destination, numbered chunks clamped to 5 MiB, MOVE of .file, the folder gone', async () => {
    const { h, calls } = setup()
    const source = bytesChunkSource(bytes)
    const plan = h.plan('docs/big.bin', source, { chunkSize: MIB })
    const done = await nextcloudChunkedUpload.upload(plan)
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls()).toEqual([
      `MKCOL ${UPLOADS}ID/`,
      `PUT ${UPLOADS}ID/1`,
      `PUT ${UPLOADS}ID/2`,
      `PUT ${UPLOADS}ID/3`,
      'HEAD /remote.php/dav/files/alice/docs/big.bin',
      `MOVE ${UPLOADS}ID/.file`,
    ])
    expect(h.sent.map((s) => s.size)).toEqual([0, 5 * MIB, 5 * MIB, 2 * MIB + 123, 0, 0])
    const destination = 'https://dav.test/remote.php/dav/files/alice/docs/big.bin'
    const chunking = h.sent.filter((s) => s.method !== 'HEAD')
    expect(chunking.every((s) => s.headers.get('destination') === destination)).toBe(true)
    expect(chunking.every((s) => s.headers.get('oc-total-length') === String(SIZE))).toBe(true)
    expect(done).toMatchObject({ size: SIZE, bytesSent: SIZE, resumes: 0 })
    expect(done.etag).toBe(h.server.read('/docs/big.bin')?.etag)
    expect(plan.progress.map((p) => p.loaded)).toEqual([5 * MIB, 10 * MIB, SIZE])
    expect(source.largestRead).toBe(5 * MIB)
    // The upload folder went with the MOVE.
    const folder = new URL(h.sent[0]?.url ?? '')
    expect((await h.server.handle(new Request(folder, { method: 'PROPFIND', headers: { Depth: '1' } }))).status).toBe(404)
  })

  test('a lost chunk: PROPFIND Depth 1 of the folder shows what is held, only the missing chunk is sent again', async () => {
    const { h, calls } = setup()
    h.intercept = (_r, index) => (index === 2 ? 'drop' : 'pass')
    const done = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream: true })))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls()).toEqual([
      `MKCOL ${UPLOADS}ID/`,
      `PUT ${UPLOADS}ID/1`,
      `PUT ${UPLOADS}ID/2`,
      `PROPFIND ${UPLOADS}ID/`,
      `PUT ${UPLOADS}ID/2`,
      `PUT ${UPLOADS}ID/3`,
      'HEAD /remote.php/dav/files/alice/docs/big.bin',
      `MOVE ${UPLOADS}ID/.file`,
    ])
    expect(h.sent[3]?.headers.get('depth')).toBe('1')
    expect(done.resumes).toBe(1)
  })

  test('cutRequestBody on a chunk PUT: the fake keeps nothing of it, the PROPFIND shows it missing, it is sent again', async () => {
    const { h, calls } = setup()
    h.server.faults.cutRequestBody(MIB, { method: 'PUT' })
    const done = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().slice(0, 4)).toEqual([`MKCOL ${UPLOADS}ID/`, `PUT ${UPLOADS}ID/1`, `PROPFIND ${UPLOADS}ID/`, `PUT ${UPLOADS}ID/1`])
    expect(done).toMatchObject({ resumes: 1, bytesSent: SIZE + 5 * MIB })
  })

  test('a chunk the server holds short of what was sent (a PUT cut mid-way that it kept) is not taken as held: it is sent again whole', async () => {
    const { h, calls } = setup()
    h.intercept = (_r, index) => (index === 2 ? { cut: MIB } : 'pass')
    await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().filter((c) => c.endsWith('/2'))).toHaveLength(2)
  })

  test('a MOVE whose answer was lost: the destination is checked, nothing is redone', async () => {
    const { h, calls } = setup()
    h.intercept = (request) => (request.method === 'MOVE' ? 'lose' : 'pass')
    const done = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().slice(-3)).toEqual([
      `MOVE ${UPLOADS}ID/.file`,
      `PROPFIND ${UPLOADS}ID/`,
      'HEAD /remote.php/dav/files/alice/docs/big.bin',
    ])
    expect(done).toMatchObject({ size: SIZE, resumes: 1 })
    expect(done.etag).toBe(h.server.read('/docs/big.bin')?.etag)
  })

  test('a MOVE cut before the server saw it: the folder is still there, the MOVE is sent again', async () => {
    const { h, calls } = setup()
    h.server.faults.networkError({ method: 'MOVE' })
    await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().slice(-3)).toEqual([`MOVE ${UPLOADS}ID/.file`, `PROPFIND ${UPLOADS}ID/`, `MOVE ${UPLOADS}ID/.file`])
  })

  test('an upload folder that vanished starts over in a new one', async () => {
    const { h, calls } = setup()
    h.intercept = (request, index) => {
      if (index === 2) void h.server.handle(new Request(new URL('./', request.url), { method: 'DELETE' }))
      return 'pass'
    }
    await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().filter((c) => c.startsWith('MKCOL'))).toHaveLength(2)
    const folders = new Set(h.sent.filter((s) => s.method === 'MKCOL').map((s) => s.url))
    expect(folders.size).toBe(2)
  })

  test('a MKCOL whose answer was lost: the PROPFIND finds the folder, it is not made again', async () => {
    const { h, calls } = setup()
    h.intercept = (request) => (request.method === 'MKCOL' ? 'lose' : 'pass')
    await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().slice(0, 3)).toEqual([`MKCOL ${UPLOADS}ID/`, `PROPFIND ${UPLOADS}ID/`, `PUT ${UPLOADS}ID/1`])
  })

  test('a chunk size beyond the minimum is kept; a stream of unknown size learns its total at its end', async () => {
    const { h, calls } = setup()
    await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream: true }), { chunkSize: 7 * MIB }))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(h.sent.map((s) => s.size)).toEqual([0, 7 * MIB, 5 * MIB + 123, 0, 0])
    expect(h.sent.at(-1)?.headers.get('oc-total-length')).toBe(String(SIZE))
    expect(calls().at(-1)).toBe(`MOVE ${UPLOADS}ID/.file`)
  })

  test('a file beyond 10 000 chunks of chunkSize gets larger chunks, so that 10 000 hold it', async () => {
    const { h } = setup()
    const size = 60 * 1024 * MIB
    const controller = new AbortController()
    // A source that makes its bytes up on demand; the upload is stopped after its first chunk.
    const source = {
      size,
      read: async (offset: number, length: number) => new Uint8Array(Math.max(0, Math.min(length, size - offset))),
      release() {},
      async close() {},
    }
    h.intercept = (request) => {
      if (request.method === 'PUT') controller.abort()
      return 'pass'
    }
    await nextcloudChunkedUpload
      .upload(h.plan('docs/huge.bin', source, { chunkSize: 5 * MIB, signal: controller.signal }))
      .catch(() => undefined)
    expect(h.sent.find((s) => s.method === 'PUT')?.size).toBe(Math.ceil(size / 10_000))
  })

  test('an empty file is one empty chunk, then the MOVE', async () => {
    const { h } = setup()
    await nextcloudChunkedUpload.upload(h.plan('docs/empty.bin', bytesChunkSource(new Uint8Array())))
    expect(h.server.read('/docs/empty.bin')?.content).toEqual(new Uint8Array())
  })

  test.each([
    [507, 'insufficient-storage'],
    [413, 'too-large'],
  ] as const)('a refused chunk (%i) fails as %s and the upload folder is removed', async (status, outcome) => {
    const { h, calls } = setup()
    h.server.faults.status(status, { method: 'PUT' })
    const failure = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes))).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(FileOperationError)
    expect(failure).toMatchObject({ operation: 'upload', outcome, status, path: 'docs/big.bin' })
    expect(calls().at(-1)).toBe(`DELETE ${UPLOADS}ID/`)
    const folder = new URL(h.sent[0]?.url ?? '')
    expect((await h.server.handle(new Request(folder, { method: 'PROPFIND', headers: { Depth: '0' } }))).status).toBe(404)
  })

  test('overwrite false: the MOVE carries Overwrite: F, and a file there before the MOVE fails it, untouched', async () => {
    const { h, calls } = setup()
    h.server.seed({ 'big.bin': 'old' }, '/docs')
    const failure = await nextcloudChunkedUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(bytes), { overwrite: false }))
      .catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'precondition-failed' })
    expect(h.server.read('/docs/big.bin')?.text).toBe('old')
    expect(calls()).not.toContain(`MOVE ${UPLOADS}ID/.file`)
    expect(calls().at(-1)).toBe(`DELETE ${UPLOADS}ID/`)
    const fresh = setup()
    await nextcloudChunkedUpload.upload(fresh.h.plan('docs/new.bin', bytesChunkSource(bytes), { overwrite: false }))
    expect(fresh.h.sent.at(-1)?.headers.get('overwrite')).toBe('F')
  })

  test('a URL outside /remote.php/dav/files/<user>/ is refused before anything is sent', async () => {
    const h = uploadHarness({ seed: { docs: {} } })
    await expect(nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))).rejects.toMatchObject({
      outcome: 'mechanism-refused',
    })
    expect(h.sent).toEqual([])
  })

  test('an abort stops the upload with RequestAbortedError, and the upload folder is removed', async () => {
    const { h, calls } = setup()
    const controller = new AbortController()
    h.intercept = (request) => {
      if (request.url.endsWith('/2')) controller.abort()
      return 'pass'
    }
    const failure = await nextcloudChunkedUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(bytes), { signal: controller.signal }))
      .catch((e: unknown) => e)
    expect((failure as Error).name).toBe('RequestAbortedError')
    expect(calls().at(-1)).toBe(`DELETE ${UPLOADS}ID/`)
  })
})

describe('nextcloudChunkedUpload after a MOVE that went astray', () => {
  const folderOf = (request: Request) => new URL('./', request.url)

  test('a lost MOVE, the folder expired, an old file of the same length there: not taken as written, the upload starts over', async () => {
    const { h, calls } = setup()
    h.server.seed({ 'big.bin': new Uint8Array(SIZE) }, '/docs')
    let moves = 0
    h.intercept = (request) => {
      if (request.method !== 'MOVE' || ++moves > 1) return 'pass'
      void h.server.handle(new Request(folderOf(request), { method: 'DELETE' }))
      return 'drop'
    }
    const done = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().filter((c) => c.startsWith('MKCOL'))).toHaveLength(2)
    expect(done.etag).toBe(h.server.read('/docs/big.bin')?.etag)
    expect(h.sent.filter((s) => s.method === 'HEAD').every((s) => s.headers.get('cache-control') === 'no-cache')).toBe(true)
  })

  test('a lost MOVE that did write the file (another ETag than before): done, nothing is redone', async () => {
    const { h, calls } = setup()
    h.server.seed({ 'big.bin': new Uint8Array(SIZE) }, '/docs')
    h.intercept = (request) => (request.method === 'MOVE' ? 'lose' : 'pass')
    const done = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().filter((c) => c.startsWith('MOVE'))).toHaveLength(1)
    expect(done.etag).toBe(h.server.read('/docs/big.bin')?.etag)
  })

  test('a MOVE answered 404 (the folder expired just before it) starts over in a new folder', async () => {
    const { h, calls } = setup()
    let moves = 0
    h.intercept = (request) => {
      if (request.method === 'MOVE' && ++moves === 1) void h.server.handle(new Request(folderOf(request), { method: 'DELETE' }))
      return 'pass'
    }
    const done = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expectSame(h.server.read('/docs/big.bin')?.content, bytes)
    expect(calls().filter((c) => c.startsWith('MKCOL'))).toHaveLength(2)
    expect(done.resumes).toBe(1)
  })

  test('a PROPFIND inside the resumable run is sent once per step, not retried by the pipeline too', async () => {
    const { h, calls } = setup()
    h.intercept = (request, index) => (index === 2 || request.method === 'PROPFIND' ? 'drop' : 'pass')
    const failure = await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes))).catch((e: unknown) => e)
    expect((failure as Error).name).toBe('TransportError')
    // Chunk 1 was confirmed before chunk 2 was lost: a fresh run of three steps (retries: 2), one PROPFIND each.
    expect(calls().filter((c) => c.startsWith('PROPFIND'))).toHaveLength(3)
  })
})

test('a listing claiming a chunk never sent, or one at another size than sent, is not trusted: both are sent', async () => {
  const { h, calls } = setup()
  const chunk = (folder: string, name: string, size: number) =>
    `<d:response><d:href>${folder}${name}</d:href><d:propstat><d:prop><d:getcontentlength>${size}</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`
  h.intercept = (request, index) => {
    if (index === 2) return 'drop'
    if (request.method !== 'PROPFIND') return 'pass'
    const folder = new URL(request.url).pathname
    const body = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${chunk(folder, '1', 5 * MIB)}${chunk(folder, '2', 1)}${chunk(folder, '3', 2 * MIB + 123)}</d:multistatus>`
    return { answer: () => new Response(body, { status: 207, headers: { 'Content-Type': 'application/xml' } }) }
  }
  await nextcloudChunkedUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
  expectSame(h.server.read('/docs/big.bin')?.content, bytes)
  expect(calls().slice(3, 6)).toEqual([`PROPFIND ${UPLOADS}ID/`, `PUT ${UPLOADS}ID/2`, `PUT ${UPLOADS}ID/3`])
})
