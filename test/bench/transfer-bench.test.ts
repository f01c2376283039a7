import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loopback } from '../../scripts/bench/loopback.ts'
import {
  BLOCK_SIZE,
  ContentChecker,
  ContentMismatchError,
  contentAt,
  contentBlock,
  contentStream,
  firstMismatch,
  writeContentFile,
} from '../../scripts/bench/transfer-content.ts'
import { registerTransferFile, transferCounts } from '../../scripts/bench/transfer-control.ts'
import { TRANSFER_ROLES, type TransferContenderName, transferContenders } from '../../scripts/bench/transfer-contenders.ts'
import { startTransferServer } from '../../scripts/bench/transfer-server.ts'
import { parseByteSize } from '../../scripts/bench/stats.ts'

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const pieces: Uint8Array[] = []
  for await (const piece of stream) pieces.push(piece)
  return Buffer.concat(pieces)
}

describe('the transfer content', () => {
  it('differs from block to block and within a block', () => {
    const first = contentBlock(0)
    const second = contentBlock(1)
    expect(first.byteLength).toBe(BLOCK_SIZE)
    expect(first.equals(second)).toBe(false)
    // Past the stamp the blocks repeat: only the index tells them apart.
    expect(first.subarray(8).equals(second.subarray(8))).toBe(true)
    expect(first.subarray(8, 4104).equals(first.subarray(4104, 8200))).toBe(false)
    expect(new Set(first.subarray(0, 4096)).size).toBeGreaterThan(200)
  })

  it('is the same piece whichever way it is cut, across block boundaries', () => {
    const start = BLOCK_SIZE - 100
    const joined = Buffer.concat([contentBlock(0), contentBlock(1), contentBlock(2)])
    expect(contentAt(start, 200).equals(joined.subarray(start, start + 200))).toBe(true)
    expect(contentAt(2 * BLOCK_SIZE + 3, 5).equals(joined.subarray(2 * BLOCK_SIZE + 3, 2 * BLOCK_SIZE + 8))).toBe(true)
    expect(firstMismatch(joined, 0)).toBe(-1)
  })

  it('catches a piece spliced at a wrong offset, within a block or by whole blocks', () => {
    const piece = contentAt(5000, 3000)
    expect(firstMismatch(piece, 5000)).toBe(-1)
    expect(firstMismatch(piece, 5001)).not.toBe(-1)
    expect(firstMismatch(piece, 4999)).not.toBe(-1)
    // Block 1 where block 2 belongs: only the stamp differs, and it is checked.
    expect(firstMismatch(contentBlock(1), 2 * BLOCK_SIZE)).toBe(2 * BLOCK_SIZE)
    const flipped = Buffer.from(piece)
    flipped[1234] = (flipped[1234] ?? 0) ^ 1
    expect(firstMismatch(flipped, 5000)).toBe(5000 + 1234)
  })

  it('is checked in order by ContentChecker, which refuses too many or too few bytes', () => {
    const checker = new ContentChecker(10)
    checker.check(contentAt(0, 4))
    expect(() => checker.check(contentAt(5, 2))).toThrow(ContentMismatchError)
    checker.check(contentAt(4, 2))
    expect(() => checker.finish()).toThrow(/6 bytes arrived, the file has 10/)
    expect(() => checker.check(contentAt(6, 5))).toThrow(/11 bytes arrived/)
  })

  it('streams exactly the content, in pieces no larger than a block', async () => {
    const size = 2 * BLOCK_SIZE + 77
    const bytes = await readAll(contentStream(size))
    expect(bytes.byteLength).toBe(size)
    expect(firstMismatch(bytes, 0)).toBe(-1)
  })
})

describe('the content file', () => {
  it('holds exactly the content, for uploads from disk', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'davkit-bench-test-'))
    try {
      const size = BLOCK_SIZE + 4321
      await writeContentFile(join(folder, 'content.bin'), size)
      const bytes = await readFile(join(folder, 'content.bin'))
      expect(bytes.byteLength).toBe(size)
      expect(firstMismatch(bytes, 0)).toBe(-1)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})

describe('the transfer server', () => {
  let server: Loopback
  const size = 3 * BLOCK_SIZE + 123
  const at = (path: string): string => new URL(path.slice(1), server.url).href

  beforeAll(async () => {
    server = await startTransferServer()
  })
  afterAll(async () => {
    await server?.close()
  })

  it('answers GET whole, a range under If-Range, 200 when the validator changed, and 416', async () => {
    await registerTransferFile(server.url, { path: '/d/ranges.bin', size, cuts: [], direction: 'download' })
    const whole = await fetch(at('/d/ranges.bin'))
    expect(whole.status).toBe(200)
    const etag = whole.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    const lastModified = whole.headers.get('last-modified') ?? ''
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false)
    const body = Buffer.from(await whole.arrayBuffer())
    expect(body.byteLength).toBe(size)
    expect(firstMismatch(body, 0)).toBe(-1)

    const partial = await fetch(at('/d/ranges.bin'), { headers: { range: 'bytes=1000000-', 'if-range': etag } })
    expect(partial.status).toBe(206)
    expect(partial.headers.get('content-range')).toBe(`bytes 1000000-${size - 1}/${size}`)
    const rest = Buffer.from(await partial.arrayBuffer())
    expect(rest.byteLength).toBe(size - 1_000_000)
    expect(firstMismatch(rest, 1_000_000)).toBe(-1)

    const byDate = await fetch(at('/d/ranges.bin'), { headers: { range: 'bytes=10-19', 'if-range': lastModified } })
    expect(byDate.status).toBe(206)
    expect(Buffer.from(await byDate.arrayBuffer()).equals(contentAt(10, 10))).toBe(true)

    const suffix = await fetch(at('/d/ranges.bin'), { headers: { range: 'bytes=-5' } })
    expect(suffix.status).toBe(206)
    expect(Buffer.from(await suffix.arrayBuffer()).equals(contentAt(size - 5, 5))).toBe(true)

    const changed = await fetch(at('/d/ranges.bin'), { headers: { range: 'bytes=1000-', 'if-range': '"another"' } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('content-length')).toBe(String(size))
    await changed.body?.cancel()

    const beyond = await fetch(at('/d/ranges.bin'), { headers: { range: `bytes=${size}-` } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`)

    const counts = await transferCounts(server.url, '/d/ranges.bin')
    expect(counts.requests['GET']).toBe(6)
    expect(counts.cuts).toBe(0)
  })

  it('cuts a download once per mark, exactly at the bytes moved, and counts every byte sent', async () => {
    await registerTransferFile(server.url, { path: '/d/cut.bin', size, cuts: [0.3, 0.6, 0.9], direction: 'download' })
    const marks = [0.3, 0.6, 0.9].map((fraction) => Math.floor(size * fraction))
    let delivered = 0
    for (const mark of [...marks, size]) {
      const response = await fetch(at('/d/cut.bin'), { headers: delivered === 0 ? {} : { range: `bytes=${delivered}-` } })
      const pieces: Uint8Array[] = []
      const reading = (async () => {
        for await (const piece of response.body as ReadableStream<Uint8Array>) pieces.push(piece)
      })()
      if (mark === size) await reading
      else await expect(reading).rejects.toThrow()
      const got = Buffer.concat(pieces)
      expect(firstMismatch(got, delivered)).toBe(-1)
      delivered += got.byteLength
      // Bytes moved so far, cumulative: a cut lands on its mark (nothing was lost on loopback).
      expect(delivered).toBe(mark)
    }
    const counts = await transferCounts(server.url, '/d/cut.bin')
    expect(counts).toMatchObject({ cuts: 3, responseBytes: size, requestBytes: 0, complete: true })
  })

  it('keeps what a ranged PUT wrote before a cut, reports it by HEAD, and completes from there', async () => {
    await registerTransferFile(server.url, { path: '/u/ranged.bin', size, cuts: [0.5], direction: 'upload' })
    expect((await fetch(at('/u/ranged.bin'), { method: 'HEAD' })).status).toBe(404)
    const options = await fetch(at('/u/'), { method: 'OPTIONS' })
    expect(options.headers.get('dav')).toContain('<http://apache.org/dav/propset/fs/1>')
    await expect(
      fetch(at('/u/ranged.bin'), {
        method: 'PUT',
        headers: { 'content-range': `bytes 0-${size - 1}/${size}` },
        body: contentAt(0, size),
      }),
    ).rejects.toThrow()
    const head = await fetch(at('/u/ranged.bin'), { method: 'HEAD' })
    const held = Number(head.headers.get('content-length'))
    expect(held).toBe(Math.floor(size * 0.5))
    const rest = await fetch(at('/u/ranged.bin'), {
      method: 'PUT',
      headers: { 'content-range': `bytes ${held}-${size - 1}/*`, 'if-match': head.headers.get('etag') ?? '' },
      body: contentAt(held, size - held),
    })
    expect(rest.status).toBe(204)
    const counts = await transferCounts(server.url, '/u/ranged.bin')
    expect(counts).toMatchObject({ complete: true, held: size, cuts: 1 })
    expect(counts.failure).toBeUndefined()
    // What the cut request carried past its mark counts as sent: at least the whole file moved.
    expect(counts.requestBytes).toBeGreaterThanOrEqual(size)
  })

  it('speaks TUS: creation on the folder, PATCH cut and kept, HEAD for the offset, 409 at a wrong offset', async () => {
    await registerTransferFile(server.url, { path: '/u/tus.bin', size, cuts: [0.4], direction: 'upload' })
    const options = await fetch(at('/u/'), { method: 'OPTIONS' })
    expect(options.headers.get('tus-version')).toBe('1.0.0')
    expect(options.headers.get('tus-extension')).toContain('creation')
    const created = await fetch(at('/u/'), {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(size),
        'upload-metadata': `filename ${Buffer.from('tus.bin').toString('base64')}`,
      },
    })
    expect(created.status).toBe(201)
    const upload = created.headers.get('location') ?? ''
    const patch = (offset: number, length: number): Promise<Response> =>
      fetch(upload, {
        method: 'PATCH',
        headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        body: contentAt(offset, length),
      })
    await expect(patch(0, size)).rejects.toThrow()
    const head = await fetch(upload, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } })
    const offset = Number(head.headers.get('upload-offset'))
    expect(offset).toBe(Math.floor(size * 0.4))
    expect(head.headers.get('upload-length')).toBe(String(size))
    expect((await patch(offset - 1, 10)).status).toBe(409)
    const last = await patch(offset, size - offset)
    expect(last.status).toBe(204)
    expect(last.headers.get('upload-offset')).toBe(String(size))
    const counts = await transferCounts(server.url, '/u/tus.bin')
    expect(counts).toMatchObject({ complete: true, cuts: 1 })
    expect(counts.failure).toBeUndefined()
  })

  it('records bytes at a wrong offset as the run failing, and a gap in ranged writes', async () => {
    await registerTransferFile(server.url, { path: '/u/wrong.bin', size, cuts: [], direction: 'upload' })
    await fetch(at('/u/wrong.bin'), { method: 'PUT', body: contentAt(1, 1000) }).catch(() => undefined)
    const counts = await transferCounts(server.url, '/u/wrong.bin')
    expect(counts.failure).toMatch(/differ from the content at offset 0/)
    expect(counts.complete).toBe(false)

    await registerTransferFile(server.url, { path: '/u/gap.bin', size, cuts: [], direction: 'upload' })
    const gap = await fetch(at('/u/gap.bin'), { method: 'PUT', headers: { 'content-range': 'bytes 10-19/*' }, body: contentAt(10, 10) })
    expect(gap.status).toBe(400)
    expect((await transferCounts(server.url, '/u/gap.bin')).failure).toMatch(/gap/)
  })

  it('takes the plain baselines end to end: a streamed PUT and a streamed GET, each byte checked', async () => {
    await registerTransferFile(server.url, { path: '/b/up.bin', size, cuts: [], direction: 'upload' })
    const job = { baseUrl: server.url, size, chunkSize: BLOCK_SIZE, sourceFile: undefined }
    expect((await transferContenders['upload-plain']({ ...job, path: 'b/up.bin' })).bytes).toBe(size)
    const uploaded = await transferCounts(server.url, '/b/up.bin')
    expect(uploaded).toMatchObject({ complete: true, requestBytes: size })
    expect(uploaded.failure).toBeUndefined()

    await registerTransferFile(server.url, { path: '/b/down.bin', size, cuts: [], direction: 'download' })
    expect((await transferContenders['download-plain']({ ...job, path: 'b/down.bin' })).bytes).toBe(size)
    expect(await transferCounts(server.url, '/b/down.bin')).toMatchObject({ responseBytes: size, cuts: 0 })
  })
})

describe('transfer sizes on the command line', () => {
  it('reads binary and decimal units, and refuses what is not a positive size', () => {
    expect(parseByteSize('64MiB')).toBe(64 * 1024 * 1024)
    expect(parseByteSize('1GiB')).toBe(1024 ** 3)
    expect(parseByteSize('500MB')).toBe(500_000_000)
    expect(parseByteSize('4096')).toBe(4096)
    for (const bad of ['0', '-1MiB', '12XB', 'MiB', '']) expect(parseByteSize(bad), bad).toBeUndefined()
  })
})

describe('the resumable contenders against the transfer server', () => {
  let server: Loopback
  let folder: string
  const size = 3 * BLOCK_SIZE + 123

  beforeAll(async () => {
    server = await startTransferServer()
    folder = await mkdtemp(join(tmpdir(), 'davkit-bench-test-'))
    await writeContentFile(join(folder, 'content.bin'), size)
  })
  afterAll(async () => {
    await server?.close()
    await rm(folder, { recursive: true, force: true })
  })

  for (const [name, role] of Object.entries(TRANSFER_ROLES)) {
    if (role.baseline) continue
    it(`${name} goes through three cuts and the server holds or sent every byte once checked`, async () => {
      const path = `r/${name}.bin`
      await registerTransferFile(server.url, { path: `/${path}`, size, cuts: [0.3, 0.6, 0.9], direction: role.direction })
      const outcome = await transferContenders[name as TransferContenderName]({
        baseUrl: server.url,
        path,
        size,
        chunkSize: BLOCK_SIZE,
        sourceFile: join(folder, 'content.bin'),
      })
      expect(outcome.bytes).toBe(size)
      const counts = await transferCounts(server.url, `/${path}`)
      expect(counts.failure).toBeUndefined()
      expect(counts).toMatchObject({ complete: true, cuts: 3 })
      expect(role.direction === 'download' ? counts.responseBytes : counts.requestBytes).toBeGreaterThanOrEqual(size)
    })
  }
})
