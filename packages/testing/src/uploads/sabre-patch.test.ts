import { describe, expect, test } from 'vitest'
import { createDavServer } from '../dav-server.ts'
import { parseUpdateRange } from './sabre-patch.ts'

const patch = (range: string | undefined, body = '----', type = 'application/x-sabredav-partialupdate', path = '/f.txt') =>
  new Request(`http://dav.test${path}`, {
    method: 'PATCH',
    body,
    headers: { 'Content-Type': type, ...(range === undefined ? {} : { 'X-Update-Range': range }) },
  })

describe("SabreDAV's PATCH", () => {
  test('parseUpdateRange', () => {
    expect(parseUpdateRange('bytes=3-6')).toEqual({ kind: 'start', start: 3, end: 6 })
    expect(parseUpdateRange('bytes=3-')).toEqual({ kind: 'start', start: 3, end: undefined })
    expect(parseUpdateRange('bytes=-4')).toEqual({ kind: 'from-end', bytes: 4 })
    expect(parseUpdateRange('append')).toEqual({ kind: 'append' })
    for (const bad of ['bytes=-', 'bytes 1-2', 'bytes=a-b', '']) expect(parseUpdateRange(bad)).toBeUndefined()
  })

  // The table of https://sabre.io/dav/http-patch/: the file holds 1234567890, the body is ----.
  test.each([
    ['bytes=0-3', '----567890'],
    ['bytes=1-4', '1----67890'],
    ['bytes=0-', '----567890'],
    ['bytes=-4', '123456----'],
    ['bytes=-2', '12345678----'],
    ['bytes=2-', '12----7890'],
    ['bytes=12-', '1234567890\0\0----'],
    ['append', '1234567890----'],
  ])("X-Update-Range: %s gives SabreDAV's documented result", async (range, result) => {
    const server = createDavServer({ uploads: { sabrePatch: true }, seed: { 'f.txt': '1234567890' } })
    const answer = await server.handle(patch(range))
    expect(answer.status).toBe(204)
    expect(answer.headers.get('ETag')).toBe(server.read('/f.txt')?.etag)
    expect(server.read('/f.txt')?.text).toBe(result)
  })

  test('the documented refusals: 400, 415, 416; 404 without a file; 405 when off or on a collection', async () => {
    const server = createDavServer({ uploads: { sabrePatch: true }, seed: { 'f.txt': '1234567890', d: {} } })
    expect((await server.handle(patch(undefined))).status).toBe(400)
    expect((await server.handle(patch('bytes=0-3', '----', 'text/plain'))).status).toBe(415)
    expect((await server.handle(patch('bytes=0-4'))).status).toBe(416)
    expect((await server.handle(patch('bytes=0-3', '----', undefined, '/nope.txt'))).status).toBe(404)
    expect((await server.handle(patch('bytes=0-3', '----', undefined, '/d'))).status).toBe(405)
    expect(server.read('/f.txt')?.text).toBe('1234567890')
    const off = createDavServer({ seed: { 'f.txt': '1234567890' } })
    expect((await off.handle(patch('bytes=0-3'))).status).toBe(405)
  })

  test('OPTIONS lists sabredav-partialupdate and PATCH when on', async () => {
    const server = createDavServer({ uploads: { sabrePatch: true } })
    const answer = await server.handle(new Request('http://dav.test/', { method: 'OPTIONS' }))
    expect(answer.headers.get('DAV')).toBe('1, 2, sabredav-partialupdate')
    expect(answer.headers.get('Allow')).toContain('PATCH')
  })

  test('a cut body writes nothing', async () => {
    const server = createDavServer({ uploads: { sabrePatch: true }, seed: { 'f.txt': '1234567890' } })
    server.faults.cutRequestBody(2, { method: 'PATCH' })
    await expect(server.handle(patch('append'))).rejects.toThrow(TypeError)
    expect(server.read('/f.txt')?.text).toBe('1234567890')
  })
})
