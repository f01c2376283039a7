import { describe, expect, it } from 'vitest'
import { createDavServer } from '../../src/index.ts'
import { parseMultistatus, send } from '../support/dav-request.ts'

describe('OPTIONS', () => {
  it('announces classes 1 and 2 and the methods', async () => {
    const response = await send(createDavServer(), 'OPTIONS', '/')
    expect(response.status).toBe(200)
    expect(response.headers.get('DAV')).toBe('1, 2')
    expect(response.headers.get('Allow')?.split(', ')).toEqual(expect.arrayContaining(['PROPFIND', 'LOCK', 'REPORT', 'MKCOL']))
  })
})

describe('GET and HEAD', () => {
  const seed = { 'a.txt': '0123456789' }

  it('returns content with ETag, Last-Modified, length and type; HEAD without body', async () => {
    const dav = createDavServer({ seed })
    const get = await send(dav, 'GET', '/a.txt')
    expect(await get.text()).toBe('0123456789')
    expect(get.headers.get('ETag')).toBe(dav.read('/a.txt')?.etag)
    expect(get.headers.get('Content-Type')).toBe('text/plain')
    expect(get.headers.get('Last-Modified')).toMatch(/GMT$/)
    const head = await send(dav, 'HEAD', '/a.txt')
    expect(head.headers.get('Content-Length')).toBe('10')
    expect(await head.text()).toBe('')
    expect((await send(dav, 'GET', '/missing')).status).toBe(404)
  })

  it('serves byte ranges (206) and refuses unsatisfiable ones (416)', async () => {
    const dav = createDavServer({ seed })
    const middle = await send(dav, 'GET', '/a.txt', { headers: { Range: 'bytes=2-4' } })
    expect(middle.status).toBe(206)
    expect(middle.headers.get('Content-Range')).toBe('bytes 2-4/10')
    expect(await middle.text()).toBe('234')
    expect(await (await send(dav, 'GET', '/a.txt', { headers: { Range: 'bytes=-3' } })).text()).toBe('789')
    expect(await (await send(dav, 'GET', '/a.txt', { headers: { Range: 'bytes=7-' } })).text()).toBe('789')
    const beyond = await send(dav, 'GET', '/a.txt', { headers: { Range: 'bytes=10-' } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('Content-Range')).toBe('bytes */10')
    expect((await send(dav, 'GET', '/a.txt', { headers: { Range: 'bytes=0-1,4-5' } })).status).toBe(200)
    expect((await send(dav, 'GET', '/a.txt', { headers: { Range: 'bytes=0-1', 'If-Range': '"stale"' } })).status).toBe(200)
  })

  it('answers If-None-Match with 304 and a failed If-Match with 412', async () => {
    const dav = createDavServer({ seed })
    const etag = dav.read('/a.txt')?.etag ?? ''
    expect((await send(dav, 'GET', '/a.txt', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    expect((await send(dav, 'GET', '/a.txt', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200)
    expect((await send(dav, 'GET', '/a.txt', { headers: { 'If-Match': '"other"' } })).status).toBe(412)
  })
})

describe('PUT', () => {
  it('creates with 201, replaces with 204, each time with a new ETag', async () => {
    const dav = createDavServer()
    const created = await send(dav, 'PUT', '/n.txt', { body: 'one' })
    expect(created.status).toBe(201)
    const replaced = await send(dav, 'PUT', '/n.txt', { body: 'two' })
    expect(replaced.status).toBe(204)
    expect(replaced.headers.get('ETag')).not.toBe(created.headers.get('ETag'))
    expect(dav.read('/n.txt')?.text).toBe('two')
  })

  it('honours If-Match and If-None-Match: * (412)', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { 'If-None-Match': '*' } })).status).toBe(412)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { 'If-Match': '"nope"' } })).status).toBe(412)
    expect((await send(dav, 'PUT', '/b.txt', { body: 'y', headers: { 'If-Match': '*' } })).status).toBe(412)
    const etag = dav.read('/a.txt')?.etag ?? ''
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { 'If-Match': etag } })).status).toBe(204)
    expect(dav.read('/a.txt')?.text).toBe('y')
  })

  it('answers 409 without a parent, 405 on a collection, 400 for Content-Range', async () => {
    const dav = createDavServer({ seed: { dir: {} } })
    expect((await send(dav, 'PUT', '/nope/a.txt', { body: 'x' })).status).toBe(409)
    expect((await send(dav, 'PUT', '/dir/', { body: 'x' })).status).toBe(405)
    expect((await send(dav, 'PUT', '/dir/a', { body: 'x', headers: { 'Content-Range': 'bytes 0-0/1' } })).status).toBe(400)
  })

  it('answers 507 beyond the quota and stores nothing', async () => {
    const dav = createDavServer({ quotaBytes: 5, seed: { 'a.txt': 'abc' } })
    expect((await send(dav, 'PUT', '/b.txt', { body: 'abc' })).status).toBe(507)
    expect(dav.exists('/b.txt')).toBe(false)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'abcde' })).status).toBe(204)
  })
})

describe('MKCOL', () => {
  it('creates (201); 405 when mapped; 409 without parent; 415 with a body', async () => {
    const dav = createDavServer({ seed: { 'f.txt': 'x' } })
    expect((await send(dav, 'MKCOL', '/c/')).status).toBe(201)
    expect((await send(dav, 'MKCOL', '/c/')).status).toBe(405)
    expect((await send(dav, 'MKCOL', '/f.txt')).status).toBe(405)
    expect((await send(dav, 'MKCOL', '/x/y/')).status).toBe(409)
    expect((await send(dav, 'MKCOL', '/d/', { body: '<x/>' })).status).toBe(415)
    expect(dav.snapshot()).toEqual({ 'f.txt': 'x', c: {} })
  })
})

describe('DELETE', () => {
  it('removes files and whole collections (204), 404 when missing, 403 for the root', async () => {
    const dav = createDavServer({ seed: { a: { b: { 'c.txt': 'x' } }, 'd.txt': 'y' } })
    expect((await send(dav, 'DELETE', '/a/')).status).toBe(204)
    expect((await send(dav, 'DELETE', '/a/')).status).toBe(404)
    expect((await send(dav, 'DELETE', '/')).status).toBe(403)
    expect(dav.snapshot()).toEqual({ 'd.txt': 'y' })
  })

  it('leaves locked members in place and lists only them in a 207', async () => {
    const dav = createDavServer({ seed: { c: { 'free.txt': 'x', locked: { 'in.txt': 'y' }, 'other.txt': 'z' } } })
    dav.lockAsOtherOwner('/c/locked')
    const response = await send(dav, 'DELETE', '/c/')
    expect(response.status).toBe(207)
    const { responses } = parseMultistatus(await response.text())
    expect(responses.map((entry) => [entry.href, entry.status])).toEqual([['/c/locked/', 'HTTP/1.1 423 Locked']])
    expect(responses[0]?.error).toHaveProperty('D:lock-token-submitted')
    expect(dav.snapshot()).toEqual({ c: { locked: { 'in.txt': 'y' } } })
  })

  it('refuses Depth other than infinity on a collection', async () => {
    const dav = createDavServer({ seed: { c: {} } })
    expect((await send(dav, 'DELETE', '/c/', { headers: { Depth: '0' } })).status).toBe(400)
  })
})

describe('bad requests get statuses, never crashes', () => {
  it('keeps paths inside the store', async () => {
    const dav = createDavServer({ basePath: '/dav/', seed: { 'a.txt': 'x' } })
    // URL parsing already resolves %2e%2e: the request lands outside the base path.
    expect((await send(dav, 'GET', '/dav/%2e%2e/etc/passwd')).status).toBe(404)
    expect((await send(dav, 'GET', '/dav/a%2F..%2Fb')).status).toBe(400)
    expect((await send(dav, 'GET', '/elsewhere/a.txt')).status).toBe(404)
    expect((await send(dav, 'GET', '/dav/a.txt')).status).toBe(200)
  })

  it('does not answer for a file at a collection URL', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    expect((await send(dav, 'GET', '/a.txt/')).status).toBe(404)
    expect((await send(dav, 'PROPFIND', '/a.txt/', { headers: { Depth: '0' } })).status).toBe(404)
    expect((await send(dav, 'DELETE', '/a.txt/')).status).toBe(404)
    expect(dav.exists('/a.txt')).toBe(true)
  })

  it('answers 400 for a malformed If header, 501 for unknown methods', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { If: '(<broken' } })).status).toBe(400)
    expect((await send(dav, 'BREW', '/a.txt')).status).toBe(501)
  })
})
