import { describe, expect, test } from 'vitest'
import { ContentChangedError, createDavFiles, FileOperationError } from '../../src/index.ts'
import { fakeSetup } from '../content/fake-server.ts'

const SIZE = 200_000
const original = Uint8Array.from({ length: SIZE }, (_, index) => (index * 11 + 5) % 256)
const retry = { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false }

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

describe('files.download', () => {
  test('a stream with the size and validators, continued across cuts by default', async () => {
    const { server, dav } = fakeSetup({ seed: { 'v.bin': original } }, { retry })
    const files = createDavFiles(dav)
    server.faults.cutResponseBody(40_000, { method: 'GET', times: 3 })
    const loaded: number[] = []
    const download = await files.download('v.bin', { onProgress: (p) => loaded.push(p.loaded) })
    expect(download).toMatchObject({
      size: SIZE,
      length: SIZE,
      etag: server.read('/v.bin')?.etag,
      range: undefined,
      resume: { resumable: true, validator: { kind: 'etag' } },
    })
    expect(await bytesOf(download.stream)).toEqual(original)
    expect(loaded.at(-1)).toBe(SIZE)
    expect(server.journal.filter({ method: 'GET' })).toHaveLength(4)
  })

  test('a range: the part, its length, and the whole size', async () => {
    const { dav } = fakeSetup({ seed: { 'v.bin': original } }, { retry })
    const download = await createDavFiles(dav).download('v.bin', { range: { start: 100, end: 199 } })
    expect(download).toMatchObject({ size: SIZE, length: 100, range: { start: 100, end: 199, total: SIZE } })
    expect(await bytesOf(download.stream)).toEqual(original.slice(100, 200))
  })

  test('a change while downloading ends the stream with a ContentChangedError', async () => {
    const { server, dav } = fakeSetup({ seed: { 'v.bin': original } }, { retry })
    server.faults.cutResponseBody(1000, { method: 'GET' }).changeContent('/v.bin', 'v2', { method: 'GET' })
    const download = await createDavFiles(dav).download('v.bin')
    await expect(bytesOf(download.stream)).rejects.toBeInstanceOf(ContentChangedError)
  })

  test('resume: false makes one connection', async () => {
    const { server, dav } = fakeSetup({ seed: { 'v.bin': original } }, { retry })
    server.faults.cutResponseBody(1000, { method: 'GET' })
    const download = await createDavFiles(dav).download('v.bin', { resume: false })
    expect(download.resume).toBeUndefined()
    await expect(bytesOf(download.stream)).rejects.toMatchObject({ code: 'transport' })
  })

  test('nothing there fails with outcome not-found; a range past the end with range-not-satisfiable', async () => {
    const { dav } = fakeSetup({ seed: { 'v.bin': original } })
    const files = createDavFiles(dav)
    await expect(files.download('nope.bin')).rejects.toMatchObject({ operation: 'download', outcome: 'not-found', status: 404 })
    const beyond = await files.download('v.bin', { range: { start: SIZE + 5 } }).catch((error: unknown) => error)
    expect(beyond).toBeInstanceOf(FileOperationError)
    expect(beyond).toMatchObject({ outcome: 'range-not-satisfiable', status: 416 })
  })
})

describe('files.readBytes and readText resume', () => {
  test('across cuts, and read again whole when the file changed', async () => {
    const { server, dav } = fakeSetup({ seed: { 'v.bin': original, 'n.txt': 'grüße' } }, { retry })
    const files = createDavFiles(dav)
    server.faults.cutResponseBody(10_000, { method: 'GET', times: 2 })
    expect(await files.readBytes('v.bin')).toEqual(original)
    server.faults.cutResponseBody(3, { method: 'GET' }).changeContent('/n.txt', 'changed', { method: 'GET' })
    expect(await files.readText('n.txt')).toBe('changed')
    // Without resume, every attempt starts from the first byte again, and all three are cut.
    server.faults.cutResponseBody(3, { method: 'GET', times: 3 })
    await expect(files.readText('n.txt', { resume: false })).rejects.toMatchObject({ code: 'transport' })
    expect(server.journal.filter({ method: 'GET', path: '/n.txt' }).map((entry) => entry.headers['range'])).toEqual([
      undefined,
      'bytes=3-',
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('a restart on a change without retries', () => {
  test('is still made once when asked for, as readBytes does by default', async () => {
    const { server, dav } = fakeSetup({ seed: { 'v.bin': original } }, { retry: false })
    server.faults.cutResponseBody(10_000, { method: 'GET' }).changeContent('/v.bin', 'second', { method: 'GET' })
    expect(new TextDecoder().decode(await createDavFiles(dav).readBytes('v.bin'))).toBe('second')
    server.faults.cutResponseBody(2, { method: 'GET', times: 2 })
    server.faults.changeContent('/v.bin', 'third', { method: 'GET' })
    server.faults.changeContent('/v.bin', 'fourth', { method: 'GET', times: 2 })
    await expect(createDavFiles(dav).readBytes('v.bin')).rejects.toBeInstanceOf(ContentChangedError)
  })
})
