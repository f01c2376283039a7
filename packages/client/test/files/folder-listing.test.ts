// listEach and walk: the file layer's listings as they arrive, against the fake server, and the
// answers it does not give (failed members) through a scripted fetch.
import type { FileEntry } from '@davkit/types'
import { describe, expect, test } from 'vitest'
import { FileOperationError, createDavFiles } from '../../src/index.ts'
import { fakeSetup } from '../content/fake-server.ts'
import { XML_HEADERS, scriptedClient, type Answer } from '../support/scripted-client.ts'

function setup(seed: Parameters<typeof fakeSetup>[0] = {}) {
  const fake = fakeSetup({ basePath: '/remote.php/dav/files/alice/', ...seed })
  return { ...fake, files: createDavFiles(fake.dav) }
}

async function collect(entries: AsyncIterable<FileEntry>): Promise<{ paths: string[]; error: unknown }> {
  const paths: string[] = []
  try {
    for await (const entry of entries) paths.push(entry.path)
    return { paths, error: undefined }
  } catch (error) {
    return { paths, error }
  }
}

const TREE = {
  docs: { 'a.txt': 'a', 'b.txt': 'bb', sub: { 'c.txt': 'ccc', deeper: { 'd.txt': 'd' } }, empty: {} },
  'top.txt': 'top',
}

describe('listEach', () => {
  test('hands out the members list gives, the folder itself left out', async () => {
    const { files } = setup({ seed: TREE })
    const listed = await files.list('docs')
    const streamed: FileEntry[] = []
    for await (const entry of files.listEach('docs')) streamed.push(entry)
    expect(streamed).toEqual(listed)
    expect(streamed.map((e) => e.path).sort()).toEqual(['docs/a.txt', 'docs/b.txt', 'docs/empty', 'docs/sub'])
  })

  test('a missing folder is not-found and a file is not-a-folder, as for list', async () => {
    const { files } = setup({ seed: TREE })
    const missing = await collect(files.listEach('nope'))
    expect(missing.error).toBeInstanceOf(FileOperationError)
    expect(missing.error).toMatchObject({ operation: 'list', outcome: 'not-found', status: 404 })
    expect((await collect(files.listEach('top.txt'))).error).toMatchObject({ operation: 'list', outcome: 'not-a-folder' })
  })

  test('failed members are never dropped: the others come first, then an error naming each failed one', async () => {
    const multistatus: Answer = () =>
      new Response(
        '<D:multistatus xmlns:D="DAV:">' +
          '<D:response><D:href>/files/docs/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>' +
          '<D:response><D:href>/files/docs/secret/</D:href><D:status>HTTP/1.1 403 Forbidden</D:status></D:response>' +
          '<D:response><D:href>/files/docs/a.txt</D:href><D:propstat><D:prop><D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>' +
          '<D:response><D:href>/files/docs/b.txt</D:href></D:response>' +
          '</D:multistatus>',
        { status: 207, headers: XML_HEADERS },
      )
    const { dav } = scriptedClient([multistatus])
    const { paths, error } = await collect(createDavFiles(dav).listEach('docs'))
    expect(paths).toEqual(['docs/a.txt'])
    expect(error).toMatchObject({ operation: 'list', outcome: 'member-failures', status: 207 })
    expect((error as FileOperationError).failures.map((f) => f.href.path)).toEqual(['/files/docs/secret/', '/files/docs/b.txt'])
  })
})

describe('walk', () => {
  test("gives every file and folder below, a folder's entries first, then its subfolders in turn", async () => {
    const { files } = setup({ seed: TREE })
    const { paths, error } = await collect(files.walk('docs'))
    expect(error).toBeUndefined()
    expect(paths.slice(0, 4).sort()).toEqual(['docs/a.txt', 'docs/b.txt', 'docs/empty', 'docs/sub'])
    expect(paths.slice(4).sort()).toEqual(['docs/sub/c.txt', 'docs/sub/deeper', 'docs/sub/deeper/d.txt'])
    expect(paths.indexOf('docs/sub/deeper/d.txt')).toBeGreaterThan(paths.indexOf('docs/sub/deeper'))
  })

  test('from the base, and no deeper than maxDepth', async () => {
    const { files } = setup({ seed: TREE })
    expect((await collect(files.walk())).paths).toHaveLength(9)
    expect((await collect(files.walk('', { maxDepth: 1 }))).paths.sort()).toEqual(['docs', 'top.txt'])
    expect((await collect(files.walk('docs', { maxDepth: 2 }))).paths).toHaveLength(6)
  })

  test('a missing start is not-found, named as a walk', async () => {
    const { files } = setup({ seed: TREE })
    expect((await collect(files.walk('nope'))).error).toMatchObject({ operation: 'walk', outcome: 'not-found' })
  })

  test('leaving the loop stops listing: no folder below is asked for', async () => {
    const { files, server } = setup({ seed: TREE })
    const propfinds = () => server.journal.entries.filter((entry) => entry.method === 'PROPFIND').length
    const before = propfinds()
    for await (const entry of files.walk('docs')) if (entry.path.startsWith('docs/')) break
    expect(propfinds() - before).toBe(1)
    for await (const _ of files.walk('docs')) {
      // To the end: docs, docs/empty, docs/sub and docs/sub/deeper are listed.
    }
    expect(propfinds() - before).toBe(5)
  })
})
