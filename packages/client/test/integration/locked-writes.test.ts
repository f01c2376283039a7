// Writes under locks: PUT and MKCOL into a locked collection, PROPPATCH, DELETE with tagged and
// untagged tokens, COPY and MOVE between locked trees. The same steps against Apache mod_dav and
// against the fake server in its Apache dialect must give the same outcomes. Apache is skipped
// (with the reason) when not installed, except in CI.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTarget, targetSkipReason, type RunningTarget } from '../../../../test/interop/targets.ts'
import { createDavServer } from '../../../testing/src/index.ts'
import { listen } from '../../../testing/src/node/index.ts'
import { createDavClient, davProps, setProperty, type DavClient } from '../../src/index.ts'

const targets = ['apache', 'fake in the Apache dialect'] as const

async function start(name: (typeof targets)[number]): Promise<RunningTarget> {
  if (name === 'apache') return startTarget('apache')
  const http = await listen(createDavServer({ dialect: { partialFailures: 'apache' } }))
  return { name: 'fake', url: http.url, stop: () => http.close() }
}

const codes = (
  failures: readonly { readonly href: { readonly path: string }; readonly status: { readonly kind: string; readonly code?: number } }[],
) => failures.map((f) => [f.href.path.replace(/\/$/, ''), f.status.kind === 'status' ? f.status.code : f.status.kind])

describe.each(targets)('writes under locks: %s', (name) => {
  const reason = name === 'apache' ? targetSkipReason('apache') : undefined
  let target: RunningTarget
  let owner: DavClient
  let other: DavClient
  let root: string

  beforeAll(async () => {
    if (reason !== undefined) return
    target = await start(name)
    owner = createDavClient({ baseUrl: target.url, retry: false })
    other = createDavClient({ baseUrl: target.url, retry: false })
    root = new URL(target.url).pathname
  })
  afterAll(async () => {
    await target?.stop()
  })

  test.skipIf(reason !== undefined)(
    `PUT and MKCOL into a collection locked by another: locked, naming the collection${reason ? ` (skipped: ${reason})` : ''}`,
    async () => {
      await owner.mkcol('held')
      await owner.put('held/a.txt', 'a')
      const lock = await owner.lock('held/', { depth: 'infinity' })
      if (lock.kind !== 'granted') throw new Error(lock.kind)

      const put = await other.put('held/new.txt', 'x')
      expect(put.kind).toBe('locked')
      if (put.kind === 'locked') {
        expect(put.lockedHrefs.map((h) => h.replace(/\/$/, ''))).toContain(`${root}held`)
        expect(codes(put.failures)).toEqual(
          expect.arrayContaining([
            [`${root}held/new.txt`, 424],
            [`${root}held`, 423],
          ]),
        )
      }
      const mkcol = await other.mkcol('held/sub')
      expect(mkcol.kind).toBe('locked')
      if (mkcol.kind === 'locked') expect(codes(mkcol.failures)).toContainEqual([`${root}held`, 423])

      // The grant is a submission tagged with the lock root; a bare token is tagged with the request URL.
      expect((await owner.put('held/new.txt', 'x', { lockToken: lock })).kind).toBe('created')
      expect((await owner.mkcol('held/sub', { lockToken: lock })).kind).toBe('created')
      expect((await owner.put('held/a.txt', 'b', { lockToken: lock.token })).kind).toBe('replaced')
      expect((await owner.unlock('held/', lock)).kind).toBe('unlocked')
    },
  )

  test.skipIf(reason !== undefined)('PROPPATCH of a locked resource is locked; with the grant it applies', async () => {
    await owner.put('prop.txt', 'p')
    const lock = await owner.lock('prop.txt', { depth: 0 })
    if (lock.kind !== 'granted') throw new Error(lock.kind)
    const refused = await other.proppatch('prop.txt', [setProperty(davProps.displayname, 'x')])
    expect(refused).toMatchObject({ kind: 'locked', status: 423 })
    const applied = await owner.proppatch('prop.txt', [setProperty(davProps.displayname, 'x')], { lockToken: lock })
    expect(applied.kind).toBe('applied')
    expect((await owner.refreshLock('prop.txt', lock, { timeout: 120 })).kind).toBe('granted')
    expect((await owner.unlock('prop.txt', lock.token)).kind).toBe('unlocked')
  })

  test.skipIf(reason !== undefined)(
    'DELETE with its own token: tagged it deletes; untagged the parent fails the If (partial naming it)',
    async () => {
      await owner.mkcol('d')
      await owner.put('d/f.txt', 'f')
      const lock = await owner.lock('d/f.txt', { depth: 0 })
      if (lock.kind !== 'granted') throw new Error(lock.kind)
      expect((await other.delete('d/f.txt')).kind).toBe('locked')
      // What a hand-built untagged If does: the server checks it against the parent as well.
      const untagged = await owner.delete('d/f.txt', { headers: { if: `(<${lock.token}>)` } })
      expect(untagged.kind).toBe('partial')
      if (untagged.kind === 'partial') expect(codes(untagged.failures)).toEqual([[`${root}d`, 412]])
      expect((await owner.delete('d/f.txt', { lockToken: lock.token })).kind).toBe('deleted')
    },
  )

  test.skipIf(reason !== undefined)(
    'COPY and MOVE between locked trees: locked without tokens, done with source and destination grants',
    async () => {
      await owner.mkcol('src')
      await owner.put('src/x.txt', 'x')
      await owner.mkcol('dst')
      const source = await owner.lock('src/', { depth: 'infinity' })
      const destination = await owner.lock('dst/', { depth: 'infinity' })
      if (source.kind !== 'granted' || destination.kind !== 'granted') throw new Error('not granted')

      const copy = await other.copy('src/x.txt', 'dst/x.txt')
      expect(copy.kind).toBe('locked')
      if (copy.kind === 'locked') expect(copy.lockedHrefs.map((h) => h.replace(/\/$/, ''))).toContain(`${root}dst`)
      expect((await owner.copy('src/x.txt', 'dst/x.txt', { destinationLockToken: destination })).kind).toBe('created')

      expect((await owner.move('src/x.txt', 'dst/y.txt', { destinationLockToken: destination })).kind).toBe('locked')
      expect((await owner.move('src/x.txt', 'dst/y.txt', { lockToken: source, destinationLockToken: destination })).kind).toBe('created')
      expect((await owner.get('dst/y.txt', { as: 'text' })).kind).toBe('full')
      await owner.unlock('src/', source)
      await owner.unlock('dst/', destination)
    },
  )
})
