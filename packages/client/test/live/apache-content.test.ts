// Live tests of content, collections, locks and the file-level layer against a real Apache httpd
// mod_dav on 127.0.0.1. Skipped (with the reason) when Apache is not installed, except in CI.
import type { TransferProgress } from '@davkit/types'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { skipReason, startApache, type RunningServer } from '../../../../test/servers/index.ts'
import { FileOperationError, HttpStatusError, createDavClient, createDavFiles, type DavClient } from '../../src/index.ts'

const reason = skipReason('apache')
const credentials = { username: 'bob', password: 'a password with spaces' }

describe.skipIf(reason !== undefined)(`Apache mod_dav content${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningServer
  let dav: DavClient
  let other: DavClient

  beforeAll(async () => {
    server = await startApache({ basicAuth: credentials })
    dav = createDavClient({ baseUrl: server.url, auth: credentials, retry: false })
    other = createDavClient({ baseUrl: server.url, auth: credentials, retry: false })
  })
  afterAll(async () => {
    await server?.stop()
  })

  test('OPTIONS announces classes 1 and 2 and the WebDAV methods', async () => {
    const result = await dav.options()
    expect(result.dav).toBe(true)
    expect(result.classes).toMatchObject({ 1: true, 2: true })
    expect(result.allow).toEqual(expect.arrayContaining(['PROPFIND', 'PROPPATCH', 'LOCK', 'UNLOCK', 'DELETE']))
    // Allow is per resource: an unmapped URL can be created, not listed.
    const unmapped = await dav.options('not-yet/')
    expect(unmapped.allow).toEqual(expect.arrayContaining(['MKCOL', 'PUT', 'LOCK']))
    expect(unmapped.allow).not.toContain('PROPFIND')
  })

  test('MKCOL: created, already-exists (405), conflict (409), parents, and a file in the way', async () => {
    expect((await dav.mkcol('m')).kind).toBe('created')
    expect(await dav.mkcol('m')).toMatchObject({ kind: 'already-exists', status: 405 })
    expect(await dav.mkcol('nope/x')).toMatchObject({ kind: 'conflict', status: 409 })
    expect(await dav.mkcol('m/a b/c', { parents: true })).toMatchObject({ kind: 'created', createdParents: ['m/a b'] })
    await dav.put('m/file.txt', 'x')
    expect((await dav.mkcol('m/file.txt')).kind).toBe('already-exists')
  })

  test('PUT and GET: text, binary bytes, Blob, stream, with a round trip of every byte value', async () => {
    await dav.mkcol('c')
    const all = new Uint8Array(256).map((_, i) => i)
    expect((await dav.put('c/all.bin', all)).kind).toBe('created')
    const bytes = await dav.get('c/all.bin')
    expect(bytes.kind === 'full' && Array.from(bytes.data)).toEqual(Array.from(all))

    expect((await dav.put('c/t.txt', 'grüße ✓', { contentType: 'text/plain; charset=utf-8' })).kind).toBe('created')
    const text = await dav.get('c/t.txt', { as: 'text' })
    expect(text).toMatchObject({ kind: 'full', data: 'grüße ✓' })
    if (text.kind === 'full') expect(text.etag).toMatch(/"/)

    expect((await dav.put('c/blob.txt', new Blob(['from a blob']))).kind).toBe('created')
    const streamBody = new Blob(['streamed ', 'upload']).stream()
    expect((await dav.put('c/stream.txt', streamBody)).kind).toBe('created')
    const stream = await dav.get('c/stream.txt', { as: 'stream' })
    if (stream.kind !== 'full') throw new Error(stream.kind)
    expect(await new Response(stream.data).text()).toBe('streamed upload')
    expect((await dav.put('c/t.txt', 'v2')).kind).toBe('replaced')
  })

  test('GET ranges: partial, suffix, unsatisfiable', async () => {
    await dav.put('digits.txt', '0123456789')
    expect(await dav.get('digits.txt', { as: 'text', range: { start: 3, end: 6 } })).toMatchObject({
      kind: 'partial',
      status: 206,
      data: '3456',
      range: { start: 3, end: 6, total: 10 },
    })
    expect(await dav.get('digits.txt', { as: 'text', range: { suffix: 2 } })).toMatchObject({ kind: 'partial', data: '89' })
    // Apache sends no Content-Range with its 416, so the total is unknown.
    expect(await dav.get('digits.txt', { range: { start: 100 } })).toMatchObject({
      kind: 'range-not-satisfiable',
      status: 416,
      total: undefined,
    })
  })

  test('a weak ETag (Apache, within a second of a write) never satisfies If-Match', async () => {
    await dav.put('weak.txt', 'v1')
    const fresh = await dav.get('weak.txt')
    if (fresh.kind !== 'full' || fresh.etag === undefined) throw new Error('no etag')
    expect(fresh.etag.startsWith('W/')).toBe(true)
    expect(await dav.put('weak.txt', 'v2', { ifMatch: fresh.etag })).toMatchObject({ kind: 'precondition-failed', status: 412 })
  })

  test('conditional writes catch the lost update (412); If-None-Match * refuses to overwrite', async () => {
    await dav.put('cond.txt', 'v1')
    // Apache's ETag stays weak for a second after a write; If-Match needs a strong one.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const first = await dav.get('cond.txt')
    if (first.kind !== 'full' || first.etag === undefined) throw new Error('no etag')
    expect(await dav.get('cond.txt', { ifNoneMatch: first.etag })).toMatchObject({ kind: 'not-modified', status: 304 })
    expect((await other.put('cond.txt', 'someone else was faster', { ifMatch: first.etag })).kind).toBe('replaced')
    expect(await dav.put('cond.txt', 'my stale edit', { ifMatch: first.etag })).toMatchObject({ kind: 'precondition-failed', status: 412 })
    expect(await dav.put('cond.txt', 'x', { ifNoneMatch: '*' })).toMatchObject({ kind: 'precondition-failed', status: 412 })
    const now = await dav.get('cond.txt', { as: 'text' })
    expect(now.kind === 'full' && now.data).toBe('someone else was faster')
  })

  test('1 MiB upload and download with progress', async () => {
    const size = 1024 * 1024
    const body = new Uint8Array(size).map((_, i) => (i * 31) % 251)
    const up: TransferProgress[] = []
    expect((await dav.put('big.bin', body, { onProgress: (p) => up.push(p) })).kind).toBe('created')
    expect(up[0]).toEqual({ loaded: 0, total: size })
    expect(up.at(-1)).toEqual({ loaded: size, total: size })
    expect(up.length).toBeGreaterThan(10)
    const down: TransferProgress[] = []
    const got = await dav.get('big.bin', { onProgress: (p) => down.push(p) })
    if (got.kind !== 'full') throw new Error(got.kind)
    expect(got.data.byteLength).toBe(size)
    expect(got.data.every((v, i) => v === (i * 31) % 251)).toBe(true)
    expect(down.at(-1)).toEqual({ loaded: size, total: size })

    // A stream of known length is sent with Content-Length, not chunked.
    const streamed: TransferProgress[] = []
    const stream = new Blob([body]).stream()
    expect((await dav.put('big2.bin', stream, { contentLength: size, onProgress: (p) => streamed.push(p) })).kind).toBe('created')
    expect(streamed.at(-1)).toEqual({ loaded: size, total: size })
    const back = await dav.get('big2.bin')
    expect(back.kind === 'full' && back.data.byteLength).toBe(size)
  })

  test('a missing file is an HttpStatusError 404; DELETE of a missing one is not-found', async () => {
    const error = await dav.get('missing.txt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).status).toBe(404)
    expect(await dav.delete('missing.txt')).toMatchObject({ kind: 'not-found', status: 404 })
  })

  test('locks: exclusive, the decoded lockdiscovery, 423 with the lock root for others, If header for the owner, refresh, unlock', async () => {
    await dav.mkcol('locked')
    await dav.put('locked/a.txt', 'a')
    const held = await dav.lock('locked/', { depth: 'infinity', timeout: 300, owner: 'davkit live test' })
    if (held.kind !== 'granted') throw new Error(held.kind)
    expect(held.token).toMatch(/^opaquelocktoken:/)
    expect(held.root.url).toBe(new URL('locked/', server.url).href)
    expect(held.lock).toMatchObject({ scope: 'exclusive', type: 'write', depth: 'infinity', token: held.token })
    expect(held.lock?.owner?.text).toBe('davkit live test')
    expect(held.discoveryProblem).toBeUndefined()

    const refused = await other.put('locked/a.txt', 'intruder')
    expect(refused.kind).toBe('locked')
    const conflicting = await other.lock('locked/a.txt', { depth: 0 })
    expect(conflicting.kind).toBe('locked')

    expect((await dav.put('locked/a.txt', 'owner edit', { lockToken: { token: held.token, root: 'locked/' } })).kind).toBe('replaced')
    // Apache does not take an untagged token for a new member of a locked collection; tagged with the root it does.
    expect((await dav.put('locked/b.txt', 'new under lock', { lockToken: held.token })).kind).toBe('precondition-failed')
    expect((await dav.put('locked/b.txt', 'new under lock', { lockToken: held })).kind).toBe('created')

    const refreshed = await dav.refreshLock('locked/', held.token, { timeout: 600 })
    expect(refreshed).toMatchObject({ kind: 'granted', token: held.token })
    expect((await dav.refreshLock('locked/', 'opaquelocktoken:00000000-0000-0000-0000-000000000000')).kind).toBe('precondition-failed')

    expect((await dav.unlock('locked/', held.token)).kind).toBe('unlocked')
    expect((await other.put('locked/a.txt', 'free again')).kind).toBe('replaced')
    expect((await dav.unlock('locked/', held.token)).kind).toBe('not-locked')
  })

  test('shared locks coexist, and an exclusive one is refused', async () => {
    await dav.put('shared.txt', 's')
    const one = await dav.lock('shared.txt', { scope: 'shared', depth: 0 })
    const two = await other.lock('shared.txt', { scope: 'shared', depth: 0 })
    expect([one.kind, two.kind]).toEqual(['granted', 'granted'])
    expect((await dav.lock('shared.txt', { scope: 'exclusive', depth: 0 })).kind).toBe('locked')
    if (one.kind === 'granted') await dav.unlock('shared.txt', one.token)
    if (two.kind === 'granted') await other.unlock('shared.txt', two.token)
  })

  test('DELETE of a collection with a member locked by another client lists the member that failed', async () => {
    await dav.mkcol('del')
    await dav.put('del/free.txt', 'f')
    await dav.put('del/held.txt', 'h')
    const held = await other.lock('del/held.txt', { depth: 0 })
    if (held.kind !== 'granted') throw new Error(held.kind)
    const result = await dav.delete('del/')
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') {
      const failed = result.failures.map((f) => [
        f.href.path.split('/').filter(Boolean).pop(),
        f.status.kind === 'status' ? f.status.code : 0,
      ])
      expect(failed).toContainEqual(['held.txt', 423])
    }
    await other.unlock('del/held.txt', held.token)
    expect((await dav.delete('del/')).kind).toBe('deleted')
  })

  test('the file-level layer: folders, write, list with odd names, stat, exists, read, remove', async () => {
    const files = createDavFiles(dav)
    expect(await files.createFolder('f/deep/er')).toBe(true)
    expect(await files.createFolder('f/deep/er')).toBe(false)
    await files.writeText('f/a b#1 ü.txt', 'hello')
    await files.writeBytes('f/bytes.bin', new Uint8Array([1, 2, 3]))
    const entries = await files.list('f')
    expect(entries.map((e) => `${e.kind}:${e.path}`).sort()).toEqual(['collection:f/deep', 'file:f/a b#1 ü.txt', 'file:f/bytes.bin'])
    const text = entries.find((e) => e.name === 'a b#1 ü.txt')
    expect(text).toMatchObject({ kind: 'file', size: 5 })
    expect(text?.modified).toBeInstanceOf(Date)
    expect(text?.etag).toMatch(/"/)
    expect(await files.readText('f/a b#1 ü.txt')).toBe('hello')
    expect(Array.from(await files.readBytes('f/bytes.bin'))).toEqual([1, 2, 3])
    expect(await files.exists('f/nothing')).toBe(false)
    expect((await files.stat('f/deep')).kind).toBe('collection')
    await files.writeText('f/x/y/z.txt', 'nested', { createParents: true })
    expect(await files.readText('f/x/y/z.txt')).toBe('nested')
    await files.remove('f')
    expect(await files.exists('f')).toBe(false)
    await expect(files.readText('f/a b#1 ü.txt')).rejects.toBeInstanceOf(FileOperationError)
  })

  test('REPORT sync-collection is refused by mod_dav with a typed error', async () => {
    const error = await dav
      .syncCollection('', { props: { etag: { name: { namespace: 'DAV:', local: 'getetag' }, decode: () => ({ ok: true, value: '' }) } } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
  })
})
