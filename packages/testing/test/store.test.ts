import { describe, expect, it } from 'vitest'
import { createDavServer, seedFile } from '../src/index.ts'
import { changesSince } from '../src/store/change-log.ts'
import { LockTable } from '../src/store/lock-table.ts'
import { MemoryStore } from '../src/store/memory-store.ts'
import { encodeSegment, parsePlainPath, toStorePath, toUrlPath } from '../src/store/paths.ts'

describe('store paths', () => {
  it('maps encoded URL paths below the base to decoded segments', () => {
    expect(toStorePath('/dav/a%20b/r%C3%A9sum%C3%A9.txt', '/dav/')).toEqual({ ok: true, path: ['a b', 'résumé.txt'], trailingSlash: false })
    expect(toStorePath('/dav', '/dav/')).toEqual({ ok: true, path: [], trailingSlash: true })
    expect(toStorePath('/other/x', '/dav/')).toEqual({ ok: false, error: 'outside-base' })
  })

  it('refuses paths that would escape the store or hide separators', () => {
    expect(toStorePath('/dav/%2e%2e/secret', '/dav/')).toEqual({ ok: false, error: 'dot-segment' })
    expect(toStorePath('/dav/a%2Fb', '/dav/')).toEqual({ ok: false, error: 'invalid-segment' })
    expect(toStorePath('/dav/%E0%A4%A', '/dav/')).toEqual({ ok: false, error: 'invalid-encoding' })
    expect(() => parsePlainPath('a/../b')).toThrow(RangeError)
  })

  it('encodes hrefs so that they decode back to the same segments', () => {
    const names = ['a b', '100%', 'x#y?z', "it's", 'ü€𝄞', '[brackets]']
    for (const name of names) {
      const href = toUrlPath([name], '/', false)
      expect(href).not.toMatch(/[ #?%](?![0-9A-F]{2})/)
      expect(toStorePath(href, '/')).toMatchObject({ ok: true, path: [name] })
    }
    expect(encodeSegment("a(b)!*'")).toBe('a%28b%29%21%2A%27')
    expect(toUrlPath(['docs'], '/base', true)).toBe('/base/docs/')
  })
})

describe('MemoryStore', () => {
  it('gives a new etag on every write and keeps creation time', () => {
    let time = new Date('2026-01-01T00:00:00Z')
    const store = new MemoryStore(() => time)
    const file = store.newFile(new TextEncoder().encode('one'), 'text/plain')
    store.attach(['f'], file)
    const first = file.etag
    time = new Date('2026-01-02T00:00:00Z')
    store.writeContent(file, new TextEncoder().encode('one'), undefined)
    expect(file.etag).not.toBe(first)
    expect(file.etag).toMatch(/^"[0-9a-f]+-3"$/)
    expect(file.created.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(file.modified.toISOString()).toBe('2026-01-02T00:00:00.000Z')
  })

  it("changes a collection's etag and modification time when its membership changes", () => {
    let time = new Date('2026-01-01T00:00:00Z')
    const store = new MemoryStore(() => time)
    store.attach(['c'], store.newCollection())
    const collection = store.get(['c'])
    const before = collection?.etag
    time = new Date('2026-01-02T00:00:00Z')
    store.attach(['c', 'x'], store.newFile(new Uint8Array(), 'text/plain'))
    const added = collection?.etag
    expect(added).not.toBe(before)
    expect(collection?.modified).toEqual(time)
    store.detach(['c', 'x'])
    expect(collection?.etag).not.toBe(added)
  })

  it('records removals of a subtree for sync, members included', () => {
    const store = new MemoryStore(() => new Date())
    store.attach(['c'], store.newCollection())
    store.attach(['c', 'x'], store.newFile(new Uint8Array(), 'text/plain'))
    const before = store.revision
    store.detach(['c'])
    expect(store.tombstones.filter((tombstone) => tombstone.revision > before).map((tombstone) => tombstone.path)).toEqual([
      ['c'],
      ['c', 'x'],
    ])
    expect(changesSince(store, [], store.root, before, 'infinite').map((change) => [change.kind, change.path.join('/')])).toEqual([
      ['removed', 'c'],
      ['removed', 'c/x'],
    ])
  })
})

describe('LockTable', () => {
  it('applies depth-infinity locks to descendants and depth-0 locks to the root only', () => {
    const table = new LockTable(() => new Date())
    const deep = table.create(['a'], 'infinity', 'exclusive', undefined, 'infinite')
    const shallow = table.create(['b'], '0', 'shared', undefined, 60)
    expect(table.covering(['a', 'x', 'y'])).toEqual([deep])
    expect(table.covering(['b'])).toEqual([shallow])
    expect(table.covering(['b', 'x'])).toEqual([])
    expect(table.within([])).toHaveLength(2)
  })

  it('drops locks when their timeout passes', () => {
    let now = 0
    const table = new LockTable(() => new Date(now))
    const lock = table.create(['a'], '0', 'exclusive', undefined, 10)
    expect(table.remaining(lock)).toBe(10)
    now = 9_000
    expect(table.get(lock.token)).toBe(lock)
    now = 10_000
    expect(table.get(lock.token)).toBeUndefined()
  })
})

describe('seed, snapshot and read', () => {
  it('seeds nested objects, slash keys, bytes and files with props; snapshots them back', () => {
    const dav = createDavServer({
      seed: {
        'docs/2024/report.txt': 'yearly',
        bin: new Uint8Array([104, 105]),
        'tagged.md': seedFile('# hi', { contentType: 'text/x-markdown', props: { '{urn:x}color': 'red' } }),
        empty: {},
      },
    })
    expect(dav.snapshot()).toEqual({ docs: { '2024': { 'report.txt': 'yearly' } }, bin: 'hi', 'tagged.md': '# hi', empty: {} })
    expect(dav.read('/tagged.md')).toMatchObject({ kind: 'file', contentType: 'text/x-markdown', props: { '{urn:x}color': 'red' } })
    expect(dav.read('/docs/2024/report.txt')?.contentType).toBe('text/plain')
    expect(dav.read('/docs')?.members).toEqual(['2024'])
    expect(dav.exists('/nope')).toBe(false)
  })

  it('refuses seeds that make no sense', () => {
    const dav = createDavServer({ seed: { file: 'x' } })
    expect(() => dav.seed({ 'file/below': 'y' })).toThrow(RangeError)
    expect(() => dav.seed({ 'x.txt': seedFile('x', { props: { color: 'red' } }) })).toThrow(/Clark/)
    expect(() => dav.snapshot('/file')).toThrow(RangeError)
  })

  it('reset empties the store, locks, journal and faults', async () => {
    const dav = createDavServer({ seed: { a: 'x' } })
    dav.lockAsOtherOwner('/a')
    dav.faults.status(500)
    dav.reset({ b: 'y' })
    expect(dav.snapshot()).toEqual({ b: 'y' })
    expect(dav.locks()).toEqual([])
    expect(dav.faults.pending).toBe(0)
    expect(dav.journal.entries).toEqual([])
  })
})
