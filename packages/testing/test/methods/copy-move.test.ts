import { describe, expect, it } from 'vitest'
import { createDavServer, seedFile } from '../../src/index.ts'
import { ORIGIN, parseMultistatus, send } from '../support/dav-request.ts'

const seed = () => ({
  src: { 'a.txt': seedFile('alpha', { props: { '{urn:x}tag': 'keep' } }), sub: { 'b.txt': 'bravo' } },
  'file.txt': 'file',
  existing: { 'old.txt': 'old' },
})

describe('COPY', () => {
  it('copies a collection with members and dead properties (201), leaving the source', async () => {
    const dav = createDavServer({ seed: seed() })
    const response = await send(dav, 'COPY', '/src/', { headers: { Destination: `${ORIGIN}/copy/` } })
    expect(response.status).toBe(201)
    expect(dav.snapshot('/copy')).toEqual({ 'a.txt': 'alpha', sub: { 'b.txt': 'bravo' } })
    expect(dav.read('/copy/a.txt')?.props).toEqual({ '{urn:x}tag': 'keep' })
    expect(dav.read('/copy/a.txt')?.etag).not.toBe(dav.read('/src/a.txt')?.etag)
    expect(dav.exists('/src/a.txt')).toBe(true)
  })

  it('accepts Destination as a path; Depth 0 copies the collection without members', async () => {
    const dav = createDavServer({ seed: seed() })
    expect((await send(dav, 'COPY', '/src/', { headers: { Destination: '/shallow/', Depth: '0' } })).status).toBe(201)
    expect(dav.snapshot('/shallow')).toEqual({})
    expect((await send(dav, 'COPY', '/src/', { headers: { Destination: '/x/', Depth: '1' } })).status).toBe(400)
  })

  it('replaces with 204, or refuses with 412 when Overwrite is F', async () => {
    const dav = createDavServer({ seed: seed() })
    expect((await send(dav, 'COPY', '/file.txt', { headers: { Destination: '/existing/', Overwrite: 'F' } })).status).toBe(412)
    expect((await send(dav, 'COPY', '/file.txt', { headers: { Destination: '/existing/' } })).status).toBe(204)
    expect(dav.read('/existing')?.kind).toBe('file')
    expect((await send(dav, 'COPY', '/file.txt', { headers: { Destination: '/x', Overwrite: 'maybe' } })).status).toBe(400)
  })

  it('answers 403 for the same resource or into itself, 409 without a parent, 502 for another origin, 404 for no source', async () => {
    const dav = createDavServer({ seed: seed() })
    expect((await send(dav, 'COPY', '/src/', { headers: { Destination: '/src/' } })).status).toBe(403)
    expect((await send(dav, 'COPY', '/src/', { headers: { Destination: '/src/sub/inner/' } })).status).toBe(403)
    expect((await send(dav, 'COPY', '/file.txt', { headers: { Destination: '/no/such/file.txt' } })).status).toBe(409)
    expect((await send(dav, 'COPY', '/file.txt', { headers: { Destination: 'http://elsewhere.test/file.txt' } })).status).toBe(502)
    expect((await send(dav, 'COPY', '/missing', { headers: { Destination: '/x' } })).status).toBe(404)
    expect((await send(dav, 'COPY', '/file.txt')).status).toBe(400)
  })

  it('answers 507 when the copy would exceed the quota', async () => {
    const dav = createDavServer({ seed: { 'a.txt': '12345' }, quotaBytes: 8 })
    expect((await send(dav, 'COPY', '/a.txt', { headers: { Destination: '/b.txt' } })).status).toBe(507)
    expect(dav.exists('/b.txt')).toBe(false)
  })

  it('lists only the failed members in a 207 when the destination holds a locked member', async () => {
    const dav = createDavServer({ seed: { src: { 'a.txt': 'new a', 'b.txt': 'new b' }, dest: { 'a.txt': 'old a', 'b.txt': 'old b' } } })
    dav.lockAsOtherOwner('/dest/b.txt')
    const response = await send(dav, 'COPY', '/src/', { headers: { Destination: '/dest/' } })
    expect(response.status).toBe(207)
    const { responses } = parseMultistatus(await response.text())
    expect(responses.map((entry) => [entry.href, entry.status])).toEqual([['/dest/b.txt', 'HTTP/1.1 423 Locked']])
    expect(dav.snapshot('/dest')).toEqual({ 'b.txt': 'old b', 'a.txt': 'new a' })
  })

  it('does not replace a collection holding a locked member with a file', async () => {
    const dav = createDavServer({ seed: { 'f.txt': 'file', dest: { 'held.txt': 'h', 'free.txt': 'f' } } })
    dav.lockAsOtherOwner('/dest/held.txt')
    const response = await send(dav, 'COPY', '/f.txt', { headers: { Destination: '/dest' } })
    expect(response.status).toBe(207)
    expect(parseMultistatus(await response.text()).responses.map((entry) => entry.href)).toEqual(['/dest/held.txt'])
    expect(dav.snapshot()).toEqual({ 'f.txt': 'file', dest: { 'held.txt': 'h' } })
    expect(dav.locks()).toHaveLength(1)
  })
})

describe('MOVE', () => {
  it('moves a subtree with its dead properties and creation date (201)', async () => {
    const dav = createDavServer({ seed: seed() })
    const created = dav.read('/src/a.txt')?.created
    expect((await send(dav, 'MOVE', '/src/', { headers: { Destination: `${ORIGIN}/moved/` } })).status).toBe(201)
    expect(dav.exists('/src')).toBe(false)
    expect(dav.snapshot('/moved')).toEqual({ 'a.txt': 'alpha', sub: { 'b.txt': 'bravo' } })
    expect(dav.read('/moved/a.txt')?.props).toEqual({ '{urn:x}tag': 'keep' })
    expect(dav.read('/moved/a.txt')?.created).toEqual(created)
  })

  it('refuses a destination that contains the source (403), like Apache, losing nothing', async () => {
    const dav = createDavServer({ seed: { a: { b: { 'f.txt': 'x' } } } })
    expect((await send(dav, 'MOVE', '/a/b/', { headers: { Destination: '/a/' } })).status).toBe(403)
    expect((await send(dav, 'COPY', '/a/b/', { headers: { Destination: '/a/' } })).status).toBe(403)
    expect((await send(dav, 'MOVE', '/a/b/', { headers: { Destination: '/' } })).status).toBe(403)
    expect(dav.snapshot()).toEqual({ a: { b: { 'f.txt': 'x' } } })
  })

  it('replaces the destination with 204, refuses Depth 0 on a collection and moving into itself', async () => {
    const dav = createDavServer({ seed: seed() })
    expect((await send(dav, 'MOVE', '/src/', { headers: { Destination: '/x/', Depth: '0' } })).status).toBe(400)
    expect((await send(dav, 'MOVE', '/src/', { headers: { Destination: '/src/sub/x/' } })).status).toBe(403)
    expect((await send(dav, 'MOVE', '/file.txt', { headers: { Destination: '/existing' } })).status).toBe(204)
    expect(dav.snapshot()).toMatchObject({ existing: 'file' })
  })

  it('needs the lock token of a locked source; locks stay behind', async () => {
    const dav = createDavServer({ seed: seed() })
    const token = dav.lockAsOtherOwner('/file.txt', { depth: '0' })
    const refused = await send(dav, 'MOVE', '/file.txt', { headers: { Destination: '/moved.txt' } })
    expect(refused.status).toBe(423)
    expect(await refused.text()).toContain('<D:lock-token-submitted><D:href>/file.txt</D:href></D:lock-token-submitted>')
    expect((await send(dav, 'MOVE', '/file.txt', { headers: { Destination: '/moved.txt', If: `(<${token}>)` } })).status).toBe(201)
    expect(dav.locks()).toEqual([])
  })

  it('moves what it can and reports a locked member of the source with 423', async () => {
    const dav = createDavServer({ seed: { src: { 'free.txt': 'f', 'held.txt': 'h' } } })
    dav.lockAsOtherOwner('/src/held.txt')
    const response = await send(dav, 'MOVE', '/src/', { headers: { Destination: '/dest/' } })
    expect(response.status).toBe(207)
    const { responses } = parseMultistatus(await response.text())
    expect(responses.map((entry) => [entry.href, entry.status])).toEqual([['/src/held.txt', 'HTTP/1.1 423 Locked']])
    expect(dav.snapshot()).toEqual({ src: { 'held.txt': 'h' }, dest: { 'free.txt': 'f' } })
  })
})
