import { describe, expect, test } from 'vitest'
import { HttpStatusError } from '../../src/index.ts'
import { fakeSetup } from './fake-server.ts'

describe('delete', () => {
  test('a file and a whole collection are deleted; a missing one is not-found', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'x', dir: { sub: { 'b.txt': 'y' } } } })
    expect(await dav.delete('a.txt')).toMatchObject({ kind: 'deleted', status: 204 })
    expect(server.exists('/a.txt')).toBe(false)
    expect((await dav.delete('dir/')).kind).toBe('deleted')
    expect(server.exists('/dir')).toBe(false)
    expect(await dav.delete('a.txt')).toMatchObject({ kind: 'not-found', status: 404 })
  })

  test('a collection with a member locked by someone else lists that member as failed', async () => {
    const { dav, server } = fakeSetup({ seed: { dir: { 'free.txt': 'x', 'held.txt': 'y' } } })
    server.lockAsOtherOwner('/dir/held.txt', { depth: '0' })
    const result = await dav.delete('dir/')
    expect(result.kind).toBe('partial')
    if (result.kind !== 'partial') return
    expect(result.failures.length).toBeGreaterThan(0)
    const held = result.failures.find((f) => f.href.path.endsWith('/dir/held.txt'))
    expect(held?.status.kind === 'status' && held.status.code).toBe(423)
    expect(server.exists('/dir/held.txt')).toBe(true)
  })

  test('a file locked by someone else is locked (423), and deleting it with our own token works', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'x', 'b.txt': 'y' } })
    server.lockAsOtherOwner('/a.txt')
    const refused = await dav.delete('a.txt')
    expect(refused).toMatchObject({ kind: 'locked', status: 423 })
    const mine = await dav.lock('b.txt', { depth: 0 })
    if (mine.kind !== 'granted') throw new Error(mine.kind)
    expect((await dav.delete('b.txt')).kind).toBe('locked')
    expect((await dav.delete('b.txt', { lockToken: mine.token })).kind).toBe('deleted')
  })

  test('ifMatch with a stale etag is precondition-failed and deletes nothing', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'x' } })
    expect(await dav.delete('a.txt', { ifMatch: '"stale"' })).toMatchObject({ kind: 'precondition-failed' })
    expect(server.exists('/a.txt')).toBe(true)
  })
})

describe('mkcol', () => {
  test('created, then already-exists; a missing parent is conflict', async () => {
    const { dav, server } = fakeSetup()
    expect(await dav.mkcol('new')).toMatchObject({ kind: 'created', status: 201, createdParents: [] })
    expect(server.read('/new')?.kind).toBe('collection')
    expect(await dav.mkcol('new/')).toMatchObject({ kind: 'already-exists', status: 405 })
    expect(await dav.mkcol('x/y/z')).toMatchObject({ kind: 'conflict', status: 409 })
    expect(server.exists('/x')).toBe(false)
  })

  test('parents: true creates the missing parents, outermost first, and reports them', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { a: {} } })
    const made = await dav.mkcol('a/b c/d/e', { parents: true })
    expect(made).toMatchObject({ kind: 'created', createdParents: ['a/b c', 'a/b c/d'] })
    expect(server.read('/a/b c/d/e')?.kind).toBe('collection')
    const paths = requests.filter((r) => r.method === 'MKCOL').map((r) => new URL(r.url).pathname)
    expect(paths).toEqual(['/a/b%20c/d/e/', '/a/', '/a/b%20c/', '/a/b%20c/d/', '/a/b%20c/d/e/'])
  })

  test('a file in the way is already-exists, not created', async () => {
    const { dav } = fakeSetup({ seed: { 'f.txt': 'x' } })
    expect((await dav.mkcol('f.txt')).kind).toBe('already-exists')
  })
})

describe('options', () => {
  test('parses the DAV compliance classes and Allow', async () => {
    const { dav } = fakeSetup()
    const result = await dav.options()
    expect(result.dav).toBe(true)
    expect(result.classes[1]).toBe(true)
    expect(result.classes[2]).toBe(true)
    expect(result.compliance).toContain('1')
    expect(result.allow).toEqual(expect.arrayContaining(['PROPFIND', 'LOCK', 'MKCOL', 'PUT']))
  })

  test('a status with no outcome of its own (401) is an HttpStatusError', async () => {
    const { dav, server } = fakeSetup()
    server.faults.status(401, { method: 'OPTIONS' })
    const error = await dav.options().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).status).toBe(401)
  })
})
