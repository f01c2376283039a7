// The file layer against Apache mod_dav: locked writes, copy and move with failed members, a
// missing path, and Apache's weak ETags. Skipped (with the reason) when Apache is not installed,
// except in CI.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { skipReason, startApache, type RunningServer } from '../../../../test/servers/index.ts'
import { FileOperationError, createDavClient, createDavFiles, type DavClient, type DavFiles } from '../../src/index.ts'

const reason = skipReason('apache')

describe.skipIf(reason !== undefined)(`file layer on Apache mod_dav${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningServer
  let owner: DavClient
  let files: DavFiles
  let others: DavFiles

  beforeAll(async () => {
    server = await startApache({})
    owner = createDavClient({ baseUrl: server.url, retry: false })
    files = createDavFiles(owner)
    others = createDavFiles(createDavClient({ baseUrl: server.url, retry: false }))
  })
  afterAll(async () => {
    await server?.stop()
  })

  const failed = (error: unknown) =>
    error instanceof FileOperationError
      ? error.failures.map((f) => [files.pathOf(f.href), f.status.kind === 'status' ? f.status.code : 0])
      : error

  test('writeText into a folder locked by another fails with locked, naming the folder', async () => {
    await files.createFolder('held')
    const lock = await owner.lock('held/', { depth: 'infinity' })
    if (lock.kind !== 'granted') throw new Error(lock.kind)
    const error = await others.writeText('held/new.txt', 'x').catch((e: unknown) => e)
    expect(error).toMatchObject({ operation: 'writeText', outcome: 'locked', status: 207 })
    expect(failed(error)).toEqual(
      expect.arrayContaining([
        ['held/new.txt', 424],
        ['held', 423],
      ]),
    )
    expect(await files.writeText('held/new.txt', 'x', { lockToken: lock })).toMatchObject({ kind: 'created' })
    await owner.unlock('held/', lock)
  })

  test('a missing path: not-found from list, stat, readText and readBytes alike', async () => {
    for (const attempt of [
      () => files.list('gone'),
      () => files.stat('gone'),
      () => files.readText('gone'),
      () => files.readBytes('gone'),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ outcome: 'not-found', status: 404 })
    }
  })

  test('copy, move and rename; a folder removal or copy-over with a locked member names it', async () => {
    await files.createFolder('tree/sub')
    await files.writeText('tree/a.txt', 'a')
    await files.writeText('tree/sub/b.txt', 'b')
    expect(await files.copy('tree', 'copy')).toMatchObject({ kind: 'created' })
    await expect(files.copy('tree', 'copy')).rejects.toMatchObject({ operation: 'copy', outcome: 'precondition-failed', status: 412 })
    expect(await files.rename('copy/a.txt', 'renamed.txt')).toMatchObject({ kind: 'created' })
    expect(await files.readText('copy/renamed.txt')).toBe('a')

    const lock = await createDavClient({ baseUrl: server.url, retry: false }).lock('copy/sub/b.txt', { depth: 0 })
    if (lock.kind !== 'granted') throw new Error(lock.kind)
    const over = await files.copy('tree', 'copy', { overwrite: true }).catch((e: unknown) => e)
    expect(over).toMatchObject({ operation: 'copy', outcome: 'partial' })
    expect(failed(over)).toContainEqual(['copy/sub/b.txt', 423])
    const removal = await files.remove('copy').catch((e: unknown) => e)
    expect(removal).toMatchObject({ operation: 'remove', outcome: 'partial' })
    expect(failed(removal)).toContainEqual(['copy/sub/b.txt', 423])
    expect(await files.move('tree', 'moved')).toMatchObject({ kind: 'created' })
    expect((await files.list('moved')).map((e) => e.name).sort()).toEqual(['a.txt', 'sub'])
  })

  test('a weak ETag (a file changed within the last second) is refused with the reason, not sent for a certain 412', async () => {
    await files.writeText('w.txt', 'one')
    const info = await files.stat('w.txt')
    expect(info.etag).toMatch(/^W\//)
    // What the refusal spares: Apache compares If-Match strongly, so the weak tag fails even unchanged.
    expect((await owner.put('w.txt', 'two', { ifMatch: info.etag ?? '' })).kind).toBe('precondition-failed')
    await expect(files.writeText('w.txt', 'two', { ifMatch: info.etag ?? '' })).rejects.toMatchObject({ outcome: 'weak-etag', status: 0 })
    expect(await files.readText('w.txt')).toBe('one')
  })
})
