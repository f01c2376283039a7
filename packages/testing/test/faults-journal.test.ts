import { describe, expect, it } from 'vitest'
import { createDavServer, DavNetworkError } from '../src/index.ts'
import { send } from './support/dav-request.ts'

describe('journal', () => {
  it('records method, path, headers, body and the status answered', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    await send(dav, 'PUT', '/a%20b.txt', { body: 'hello', headers: { 'X-Trace': '1' } })
    await send(dav, 'GET', '/missing')
    expect(dav.journal.methods()).toEqual(['PUT', 'GET'])
    const [put, get] = dav.journal.entries
    expect(put).toMatchObject({ sequence: 1, method: 'PUT', path: '/a b.txt', body: 'hello', status: 201 })
    expect(put?.headers['x-trace']).toBe('1')
    expect(put?.responseHeaders['etag']).toBe(dav.read('/a b.txt')?.etag)
    expect(get?.status).toBe(404)
    expect(dav.journal.filter({ method: 'get' })).toEqual([get])
    expect(dav.journal.filter({ path: /\.txt$/ })).toEqual([put])
    dav.journal.clear()
    expect(dav.journal.last()).toBeUndefined()
  })
})

describe('faults', () => {
  it('answers the next N matching requests with a status and Retry-After, then behaves', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    dav.faults.status(503, { method: 'GET', path: '/a.txt', times: 2, retryAfter: 7 })
    const statuses: number[] = []
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await send(dav, 'GET', '/a.txt')).status)
    expect(statuses).toEqual([503, 503, 200])
    expect(dav.journal.entries[0]?.responseHeaders['retry-after']).toBe('7')
    expect(dav.journal.entries.map((entry) => entry.fault)).toEqual(['status 503', 'status 503', undefined])
  })

  it('only matches the given method and path', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x', 'b.txt': 'y' } })
    dav.faults.status(429, { method: ['PUT', 'DELETE'], path: /^\/b/ })
    expect((await send(dav, 'GET', '/b.txt')).status).toBe(200)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'z' })).status).toBe(204)
    expect((await send(dav, 'DELETE', '/b.txt')).status).toBe(429)
    expect(dav.exists('/b.txt')).toBe(true)
    expect(dav.faults.pending).toBe(0)
  })

  it('simulates network errors as a TypeError rejection', async () => {
    const dav = createDavServer()
    dav.faults.networkError()
    const failure = send(dav, 'PROPFIND', '/')
    await expect(failure).rejects.toBeInstanceOf(DavNetworkError)
    await expect(send(dav, 'PROPFIND', '/', { headers: { Depth: '0' } })).resolves.toHaveProperty('status', 207)
    expect(new DavNetworkError()).toBeInstanceOf(TypeError)
  })

  it('adds latency', async () => {
    const dav = createDavServer()
    dav.faults.latency(60, { method: 'OPTIONS' })
    const started = performance.now()
    await send(dav, 'OPTIONS', '/')
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    dav.faults.clear()
    expect(dav.faults.pending).toBe(0)
  })

  it('locks a member as another owner, so writes get 423', async () => {
    const dav = createDavServer({ seed: { shared: { 'doc.txt': 'x' } } })
    dav.lockAsOtherOwner('/shared/doc.txt', { owner: 'bob' })
    expect((await send(dav, 'PUT', '/shared/doc.txt', { body: 'mine' })).status).toBe(423)
    expect(dav.locks()).toMatchObject([{ root: '/shared/doc.txt', scope: 'exclusive', depth: 'infinity', timeout: 'infinite' }])
  })

  it('refuses a fault that could never fire', () => {
    expect(() => createDavServer().faults.status(500, { times: 0 })).toThrow(RangeError)
  })
})
