import { describe, expect, test } from 'vitest'
import { FileOperationError, createDavFiles } from '../../src/index.ts'
import { fakeSetup } from '../content/fake-server.ts'

function setup(seed: Parameters<typeof fakeSetup>[0] = {}) {
  const fake = fakeSetup({ basePath: '/remote.php/dav/files/alice/', ...seed })
  return { ...fake, files: createDavFiles(fake.dav) }
}

describe('createDavFiles', () => {
  test('list gives the members (not the folder) as typed entries with decoded relative paths and raw hrefs', async () => {
    const { files } = setup({ seed: { 'My Docs': { 'a b#1.txt': 'hello', sub: {} } } })
    const entries = await files.list('My Docs')
    expect(entries.map((e) => e.path).sort()).toEqual(['My Docs/a b#1.txt', 'My Docs/sub'])
    const file = entries.find((e) => e.kind === 'file')
    const folder = entries.find((e) => e.kind === 'collection')
    expect(file).toMatchObject({ kind: 'file', name: 'a b#1.txt', size: 5, contentType: expect.stringContaining('text/plain') })
    if (file?.kind !== 'file') throw new Error('no file')
    expect(file.etag).toMatch(/"/)
    expect(file.modified).toBeInstanceOf(Date)
    expect(file.href.raw).toContain('a%20b%231.txt')
    expect(file.href.path).toBe('/remote.php/dav/files/alice/My Docs/a b#1.txt')
    expect(folder).toMatchObject({ kind: 'collection', name: 'sub' })
  })

  test('listing a file is an error, not an empty folder', async () => {
    const { files } = setup({ seed: { 'x.txt': 'x' } })
    await expect(files.list('x.txt')).rejects.toMatchObject({ operation: 'list', outcome: 'not-a-folder' })
  })

  test('the root lists without itself', async () => {
    const { files } = setup({ seed: { 'x.txt': 'x', d: {} } })
    expect((await files.list()).map((e) => e.path).sort()).toEqual(['d', 'x.txt'])
  })

  test('stat, exists, and not-found as a FileOperationError', async () => {
    const { files } = setup({ seed: { d: { 'x.txt': 'xyz' } } })
    expect(await files.stat('d/x.txt')).toMatchObject({ kind: 'file', path: 'd/x.txt', size: 3 })
    expect(await files.stat('d')).toMatchObject({ kind: 'collection', path: 'd', name: 'd' })
    expect(await files.exists('d/x.txt')).toBe(true)
    expect(await files.exists('d/nope.txt')).toBe(false)
    const error = await files.stat('nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileOperationError)
    expect(error).toMatchObject({ code: 'file-operation', operation: 'stat', outcome: 'not-found', status: 404 })
  })

  test('write and read text and bytes; createParents makes the folders', async () => {
    const { files, server } = setup()
    const created = await files.writeText('a/b/notes.md', '# Ünïcode', { createParents: true })
    expect(created.kind).toBe('created')
    expect(server.read('/a/b/notes.md')?.text).toBe('# Ünïcode')
    expect(await files.readText('a/b/notes.md')).toBe('# Ünïcode')
    await files.writeBytes('a/bin', new Uint8Array([9, 8, 7]))
    expect(Array.from(await files.readBytes('a/bin'))).toEqual([9, 8, 7])
    const replaced = await files.writeText('a/b/notes.md', 'v2')
    expect(replaced.kind).toBe('replaced')
  })

  test('overwrite: false and a stale ifMatch fail with precondition-failed; nothing is written', async () => {
    const { files, server } = setup({ seed: { 'a.txt': 'v1' } })
    await expect(files.writeText('a.txt', 'x', { overwrite: false })).rejects.toMatchObject({ outcome: 'precondition-failed', status: 412 })
    const { etag } = await files.stat('a.txt')
    await files.writeText('a.txt', 'v2', { ifMatch: etag! })
    await expect(files.writeText('a.txt', 'v3', { ifMatch: etag! })).rejects.toMatchObject({ outcome: 'precondition-failed' })
    expect(server.read('/a.txt')?.text).toBe('v2')
  })

  test('reading a missing file fails with not-found; writing without the parent fails with conflict', async () => {
    const { files } = setup()
    await expect(files.readText('nope.txt')).rejects.toMatchObject({ operation: 'readText', outcome: 'not-found' })
    await expect(files.writeText('no/dir/a.txt', 'x')).rejects.toMatchObject({ operation: 'writeText', outcome: 'conflict', status: 409 })
  })

  test('createFolder is recursive and idempotent by default; a file in the way is an error', async () => {
    const { files, server } = setup({ seed: { 'f.txt': 'x' } })
    expect(await files.createFolder('p/q/r')).toBe(true)
    expect(server.read('/p/q/r')?.kind).toBe('collection')
    expect(await files.createFolder('p/q/r')).toBe(false)
    await expect(files.createFolder('f.txt')).rejects.toMatchObject({ outcome: 'file-in-the-way' })
    await expect(files.createFolder('s/t', { recursive: false })).rejects.toMatchObject({ outcome: 'conflict' })
  })

  test('remove deletes trees, tolerates missing ones, and reports a locked member', async () => {
    const { files, server } = setup({ seed: { d: { 'a.txt': 'a', e: { 'b.txt': 'b' } } } })
    await files.remove('d/e')
    expect(server.exists('/d/e')).toBe(false)
    await files.remove('d/e')
    server.lockAsOtherOwner('/d/a.txt', { depth: '0' })
    const error = await files.remove('d').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileOperationError)
    expect(error).toMatchObject({ operation: 'remove', outcome: 'partial' })
    if (!(error instanceof FileOperationError)) return
    expect(error.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
      ['/remote.php/dav/files/alice/d/a.txt', 423],
    ])
    expect(error.message).toContain('d/a.txt 423')
    expect(server.exists('/d/a.txt')).toBe(true)
  })

  test('a missing path is the same error and outcome from list, stat, readText and readBytes', async () => {
    const { files } = setup()
    for (const attempt of [
      () => files.list('gone'),
      () => files.stat('gone'),
      () => files.readText('gone'),
      () => files.readBytes('gone'),
    ]) {
      const error = await attempt().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FileOperationError)
      expect(error).toMatchObject({ outcome: 'not-found', status: 404, path: 'gone' })
    }
  })

  test('copy, move and rename: created, refused over an existing destination unless overwrite, not-found for a missing source', async () => {
    const { files, server } = setup({ seed: { d: { 'a.txt': 'a', 'b.txt': 'b' } } })
    expect(await files.copy('d/a.txt', 'd/c.txt')).toMatchObject({ kind: 'created' })
    expect(server.read('/d/c.txt')?.text).toBe('a')
    await expect(files.copy('d/a.txt', 'd/b.txt')).rejects.toMatchObject({ operation: 'copy', outcome: 'precondition-failed', status: 412 })
    expect(server.read('/d/b.txt')?.text).toBe('b')
    expect(await files.copy('d/a.txt', 'd/b.txt', { overwrite: true })).toMatchObject({ kind: 'replaced' })
    expect(await files.move('d', 'e')).toMatchObject({ kind: 'created' })
    expect(server.exists('/d')).toBe(false)
    expect(await files.rename('e/a.txt', 'renamed a.txt')).toMatchObject({ kind: 'created' })
    expect((await files.list('e')).map((e) => e.path).sort()).toEqual(['e/b.txt', 'e/c.txt', 'e/renamed a.txt'])
    await expect(files.move('nothing.txt', 'x.txt')).rejects.toMatchObject({ operation: 'move', outcome: 'not-found', status: 404 })
    expect(() => files.rename('e/b.txt', 'a/b')).toThrow(/one path segment/)
  })

  test('a folder copy with a locked member lists it; a move into a locked folder is locked, and done with the grant', async () => {
    const { files, server, dav } = setup({ seed: { d: { 'a.txt': 'a', 'b.txt': 'b' }, t: {} } })
    server.lockAsOtherOwner('/t/', { depth: 'infinity' })
    const locked = await files.move('d/a.txt', 't/a.txt').catch((e: unknown) => e)
    expect(locked).toMatchObject({ operation: 'move', outcome: 'locked', status: 423 })
    expect(server.exists('/d/a.txt')).toBe(true)
    const mine = await dav.lock('d/', { depth: 'infinity' })
    if (mine.kind !== 'granted') throw new Error(mine.kind)
    await expect(files.rename('d/b.txt', 'c.txt')).rejects.toMatchObject({ outcome: 'locked' })
    expect(await files.rename('d/b.txt', 'c.txt', { lockToken: mine })).toMatchObject({ kind: 'created' })
  })

  test('a weak ETag is refused before sending, with the reason, instead of a certain 412', async () => {
    const { files, requests } = setup({ seed: { 'a.txt': 'a' } })
    const before = requests.length
    const error = await files.writeText('a.txt', 'b', { ifMatch: 'W/"1-abc"' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileOperationError)
    expect(error).toMatchObject({ operation: 'writeText', outcome: 'weak-etag', status: 0 })
    expect((error as Error).message).toMatch(/never matches If-Match/)
    expect(requests.length).toBe(before)
  })

  test('paths convert both ways: hrefs and server paths to file paths, file paths to encoded URLs', async () => {
    const { files } = setup({ seed: { 'My Docs': { 'a b#1.txt': 'x' } } })
    const [entry] = await files.list('My Docs')
    if (entry === undefined) throw new Error('empty listing')
    expect(files.pathOf(entry.href)).toBe('My Docs/a b#1.txt')
    expect(files.pathOf(entry.href.path)).toBe('My Docs/a b#1.txt')
    expect(files.urlOf('My Docs/a b#1.txt').href).toBe(entry.href.url)
    expect(files.pathOf(files.urlOf('My Docs/a b#1.txt'))).toBe('My Docs/a b#1.txt')
    expect(files.pathOf('/elsewhere/x')).toBe('/elsewhere/x')
  })
})
