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
    await expect(files.remove('d')).rejects.toMatchObject({ operation: 'remove', outcome: 'partial' })
    expect(server.exists('/d/a.txt')).toBe(true)
  })
})
