import { describe, expect, test } from 'vitest'
import { createDavServer } from '../dav-server.ts'
import { parseContentRange } from './ranged-put.ts'

const put = (body: string, range?: string, headers: Record<string, string> = {}) =>
  new Request('http://dav.test/a.txt', {
    method: 'PUT',
    body,
    headers: { ...headers, ...(range === undefined ? {} : { 'Content-Range': range }) },
  })

describe('ranged PUT', () => {
  test('parseContentRange: first-last/total or /*, the last byte within the total', () => {
    expect(parseContentRange('bytes 0-9/10')).toEqual({ first: 0, last: 9, total: 10 })
    expect(parseContentRange('bytes 10-19/*')).toEqual({ first: 10, last: 19, total: undefined })
    for (const bad of ['bytes */30', 'garbage', 'bytes 5-2/30', 'bytes 0-10/10', 'items 0-1/2'])
      expect(parseContentRange(bad)).toBeUndefined()
  })

  test('off (the default): refused with 400 and nothing written, as RFC 9110 asks', async () => {
    const server = createDavServer({ seed: { 'a.txt': 'keep' } })
    expect((await server.handle(put('xx', 'bytes 0-1/2'))).status).toBe(400)
    expect(server.read('/a.txt')?.text).toBe('keep')
    expect((await server.handle(new Request('http://dav.test/', { method: 'OPTIONS' }))).headers.get('DAV')).toBe('1, 2')
  })

  test("on: Apache's writes: in place, a gap as zero bytes, never truncated, the body's length over the range's", async () => {
    const server = createDavServer({ uploads: { rangedPut: true }, seed: { 'a.txt': 'AAAAAAAAAA' } })
    expect((await server.handle(new Request('http://dav.test/', { method: 'OPTIONS' }))).headers.get('DAV')).toBe(
      '1, 2, <http://apache.org/dav/propset/fs/1>',
    )
    expect((await server.handle(put('BB', 'bytes 2-3/10'))).status).toBe(204)
    expect(server.read('/a.txt')?.text).toBe('AABBAAAAAA')
    await server.handle(put('CC', 'bytes 12-13/14'))
    expect(server.read('/a.txt')?.text).toBe('AABBAAAAAA\0\0CC')
    await server.handle(put('DDD', 'bytes 0-1/*'))
    expect(server.read('/a.txt')?.text).toBe('DDDBAAAAAA\0\0CC')
    expect((await server.handle(put('x', 'bytes 5-2/30'))).status).toBe(400)
  })

  test('on: a new file is created (201), conditions hold as for any PUT', async () => {
    const server = createDavServer({ uploads: { rangedPut: true }, seed: { 'a.txt': 'x' } })
    expect((await server.handle(put('x', 'bytes 0-0/1', { 'If-None-Match': '*' }))).status).toBe(412)
    const created = await server.handle(
      new Request('http://dav.test/new.txt', { method: 'PUT', body: 'FF', headers: { 'Content-Range': 'bytes 4-5/6' } }),
    )
    expect(created.status).toBe(201)
    expect(server.read('/new.txt')?.text).toBe('\0\0\0\0FF')
  })

  test('a cut body: a ranged PUT keeps what arrived of an existing file and creates no new one; a plain PUT keeps nothing', async () => {
    const server = createDavServer({ uploads: { rangedPut: true }, seed: { 'a.txt': 'AAAAAAAAAA' } })
    server.faults.cutRequestBody(3, { method: 'PUT' })
    await expect(server.handle(put('BBBBBB', 'bytes 10-15/16'))).rejects.toThrow(TypeError)
    expect(server.read('/a.txt')?.text).toBe('AAAAAAAAAABBB')
    server.faults.cutRequestBody(3, { method: 'PUT' })
    await expect(server.handle(put('CCCCCC'))).rejects.toThrow(TypeError)
    expect(server.read('/a.txt')?.text).toBe('AAAAAAAAAABBB')
    server.faults.cutRequestBody(1, { method: 'PUT' })
    const fresh = new Request('http://dav.test/new.txt', { method: 'PUT', body: 'FF', headers: { 'Content-Range': 'bytes 0-1/2' } })
    await expect(server.handle(fresh)).rejects.toThrow(TypeError)
    expect(server.exists('/new.txt')).toBe(false)
  })
})
