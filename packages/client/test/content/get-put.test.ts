import { describe, expect, test } from 'vitest'
import type { TransferProgress } from '@davkit/types'
import { HttpStatusError, InvalidRequestError } from '../../src/index.ts'
import { fakeSetup } from './fake-server.ts'

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text()
}

describe('get', () => {
  test('bytes by default, text and stream on request, with entity headers', async () => {
    const { dav } = fakeSetup({ seed: { docs: { 'a.txt': 'héllo wörld' } } })
    const bytes = await dav.get('docs/a.txt')
    expect(bytes.kind).toBe('full')
    if (bytes.kind !== 'full') return
    expect(bytes.data).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(bytes.data)).toBe('héllo wörld')
    expect(bytes.contentLength).toBe(new TextEncoder().encode('héllo wörld').byteLength)
    expect(bytes.etag).toMatch(/^(W\/)?".+"$/)
    expect(bytes.lastModified).toBeInstanceOf(Date)

    const text = await dav.get('docs/a.txt', { as: 'text' })
    expect(text.kind === 'full' && text.data).toBe('héllo wörld')

    const stream = await dav.get('docs/a.txt', { as: 'stream' })
    if (stream.kind !== 'full') throw new Error(stream.kind)
    expect(stream.data).toBeInstanceOf(ReadableStream)
    expect(await readAll(stream.data)).toBe('héllo wörld')
  })

  test('a range gives partial content with its Content-Range; a range past the end is range-not-satisfiable', async () => {
    const { dav, requests } = fakeSetup({ seed: { 'digits.txt': '0123456789' } })
    const part = await dav.get('digits.txt', { as: 'text', range: { start: 2, end: 5 } })
    expect(requests.at(-1)?.headers.get('range')).toBe('bytes=2-5')
    expect(part).toMatchObject({ kind: 'partial', status: 206, data: '2345', range: { start: 2, end: 5, total: 10 } })
    const tail = await dav.get('digits.txt', { as: 'text', range: { suffix: 3 } })
    expect(tail).toMatchObject({ kind: 'partial', data: '789', range: { start: 7, end: 9, total: 10 } })
    const beyond = await dav.get('digits.txt', { range: { start: 50 } })
    expect(beyond).toMatchObject({ kind: 'range-not-satisfiable', status: 416, total: 10 })
    await expect(dav.get('digits.txt', { range: { start: 5, end: 2 } })).rejects.toBeInstanceOf(InvalidRequestError)
  })

  test('ifNoneMatch with the current etag is not-modified; ifMatch with another is precondition-failed', async () => {
    const { dav } = fakeSetup({ seed: { 'a.txt': 'x' } })
    const first = await dav.get('a.txt')
    if (first.kind !== 'full' || first.etag === undefined) throw new Error('no etag')
    expect(await dav.get('a.txt', { ifNoneMatch: first.etag })).toMatchObject({ kind: 'not-modified', status: 304 })
    expect(await dav.get('a.txt', { ifMatch: '"not-it"' })).toMatchObject({ kind: 'precondition-failed', status: 412 })
  })

  test('a missing resource is an HttpStatusError 404', async () => {
    const { dav } = fakeSetup()
    const error = await dav.get('nope.txt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).status).toBe(404)
  })

  test('download progress reports growing counts up to the length, for buffered and streamed bodies', async () => {
    const content = 'z'.repeat(300_000)
    const { dav } = fakeSetup({ seed: { 'big.txt': content } })
    const seen: TransferProgress[] = []
    const got = await dav.get('big.txt', { as: 'text', onProgress: (p) => seen.push(p) })
    expect(got.kind === 'full' && got.data.length).toBe(300_000)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.at(-1)).toEqual({ loaded: 300_000, total: 300_000 })
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.loaded).toBeGreaterThan(seen[i - 1]!.loaded)

    const streamed: TransferProgress[] = []
    const s = await dav.get('big.txt', { as: 'stream', onProgress: (p) => streamed.push(p) })
    expect(streamed).toEqual([])
    if (s.kind !== 'full') throw new Error(s.kind)
    expect((await readAll(s.data)).length).toBe(300_000)
    expect(streamed.at(-1)).toEqual({ loaded: 300_000, total: 300_000 })
  })

  test('aborting the signal rejects with RequestAbortedError', async () => {
    const { dav } = fakeSetup({ seed: { 'a.txt': 'x' } })
    const controller = new AbortController()
    controller.abort()
    await expect(dav.get('a.txt', { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' })
  })
})

describe('put', () => {
  test('a string is created (201) then replaced (204), stored as UTF-8 with its content type', async () => {
    const { dav, server } = fakeSetup()
    const created = await dav.put('n.md', '# Notes ✓', { contentType: 'text/markdown' })
    expect(created).toMatchObject({ kind: 'created', status: 201 })
    expect(server.read('/n.md')?.text).toBe('# Notes ✓')
    expect(server.read('/n.md')?.contentType).toBe('text/markdown')
    const replaced = await dav.put('n.md', 'v2')
    expect(replaced.kind).toBe('replaced')
    expect(server.read('/n.md')?.text).toBe('v2')
  })

  test('bytes, a Blob and a ReadableStream arrive byte for byte', async () => {
    const { dav, server } = fakeSetup()
    const bytes = new Uint8Array([0, 1, 2, 254, 255])
    expect((await dav.put('b.bin', bytes)).kind).toBe('created')
    expect(Array.from(server.read('/b.bin')!.content)).toEqual([0, 1, 2, 254, 255])
    expect(server.read('/b.bin')?.contentType).toBe('application/octet-stream')

    expect((await dav.put('blob.json', new Blob(['{"a":1}'], { type: 'application/json' }))).kind).toBe('created')
    expect(server.read('/blob.json')?.text).toBe('{"a":1}')
    expect(server.read('/blob.json')?.contentType).toBe('application/json')

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('part one, '))
        controller.enqueue(new TextEncoder().encode('part two'))
        controller.close()
      },
    })
    expect((await dav.put('s.txt', stream)).kind).toBe('created')
    expect(server.read('/s.txt')?.text).toBe('part one, part two')
  })

  test('ifNoneMatch "*" refuses to overwrite; ifMatch with a stale etag catches the lost update', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'v1' } })
    expect(await dav.put('a.txt', 'clobber', { ifNoneMatch: '*' })).toMatchObject({ kind: 'precondition-failed', status: 412 })
    expect(server.read('/a.txt')?.text).toBe('v1')
    expect((await dav.put('new.txt', 'fresh', { ifNoneMatch: '*' })).kind).toBe('created')

    const etag = server.read('/a.txt')!.etag
    expect((await dav.put('a.txt', 'v2', { ifMatch: etag })).kind).toBe('replaced')
    expect(await dav.put('a.txt', 'v3 from a stale copy', { ifMatch: etag })).toMatchObject({ kind: 'precondition-failed' })
    expect(server.read('/a.txt')?.text).toBe('v2')
  })

  test('a missing parent is conflict (409)', async () => {
    const { dav } = fakeSetup()
    expect(await dav.put('no/such/dir/a.txt', 'x')).toMatchObject({ kind: 'conflict', status: 409 })
  })

  test('upload progress goes from 0 to the full size as fetch reads the body', async () => {
    const { dav, server } = fakeSetup()
    const body = new Uint8Array(200_000).fill(7)
    const seen: TransferProgress[] = []
    await dav.put('p.bin', body, { onProgress: (p) => seen.push(p) })
    expect(server.read('/p.bin')?.content.byteLength).toBe(200_000)
    expect(seen[0]).toEqual({ loaded: 0, total: 200_000 })
    expect(seen.at(-1)).toEqual({ loaded: 200_000, total: 200_000 })
    expect(seen.length).toBeGreaterThan(3)
  })

  test('a body streamed for progress keeps its Content-Length; a stream with contentLength sends it too', async () => {
    const { dav, requests, server } = fakeSetup()
    await dav.put('p.bin', new Uint8Array(100_000), { onProgress: () => {} })
    expect(requests.at(-1)?.headers.get('content-length')).toBe('100000')
    const seen: TransferProgress[] = []
    const stream = new Blob(['0123456789']).stream()
    await dav.put('s.txt', stream, { contentLength: 10, onProgress: (p) => seen.push(p) })
    expect(requests.at(-1)?.headers.get('content-length')).toBe('10')
    expect(server.read('/s.txt')?.text).toBe('0123456789')
    expect(seen.at(-1)).toEqual({ loaded: 10, total: 10 })
    await expect(dav.put('x.txt', 'text', { contentLength: 4 })).rejects.toBeInstanceOf(InvalidRequestError)
  })

  test('rejects bodies of other types before sending', async () => {
    const { dav, requests } = fakeSetup()
    await expect(dav.put('a', 42 as unknown as string)).rejects.toBeInstanceOf(InvalidRequestError)
    expect(requests).toHaveLength(0)
  })
})
