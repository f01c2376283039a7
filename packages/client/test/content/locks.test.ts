import { describe, expect, test } from 'vitest'
import { InvalidRequestError, buildIfHeader, element } from '../../src/index.ts'
import { fakeSetup } from './fake-server.ts'

describe('lock', () => {
  test('an exclusive lock: the token, the decoded lockdiscovery, and the headers sent', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { 'a.txt': 'x' } })
    const held = await dav.lock('a.txt', { depth: 0, timeout: 600, owner: 'alice' })
    const sent = requests.at(-1)!
    expect(sent.headers.get('depth')).toBe('0')
    expect(sent.headers.get('timeout')).toBe('Second-600')
    const body = await sent.text()
    expect(body).toContain('<D:exclusive/>')
    expect(body).toContain('<D:owner>alice</D:owner>')
    expect(held.kind).toBe('granted')
    if (held.kind !== 'granted') return
    expect(held.token).toBe(server.locks()[0]?.token)
    expect(held.lock).toMatchObject({ scope: 'exclusive', type: 'write', depth: '0', token: held.token })
    expect(held.lock?.owner?.text).toBe('alice')
    expect(held.lock?.timeout).toEqual({ kind: 'seconds', seconds: 600 })
    expect(held.discoveryProblem).toBeUndefined()
    expect(held.created).toBe(false)
  })

  test('a conflicting lock is locked (423) with the hrefs of the lock that is in the way', async () => {
    const { dav, server } = fakeSetup({ seed: { dir: { 'a.txt': 'x' } } })
    server.lockAsOtherOwner('/dir', { depth: 'infinity' })
    const result = await dav.lock('dir/a.txt', { depth: 0 })
    expect(result.kind).toBe('locked')
    if (result.kind !== 'locked') return
    expect(result.status).toBe(423)
    expect(result.lockedHrefs.some((h) => h.endsWith('/dir') || h.endsWith('/dir/'))).toBe(true)
  })

  test('shared locks coexist; an exclusive one is refused next to them', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'x' } })
    const one = await dav.lock('a.txt', { scope: 'shared', depth: 0 })
    const two = await dav.lock('a.txt', { scope: 'shared', depth: 0 })
    expect([one.kind, two.kind]).toEqual(['granted', 'granted'])
    if (one.kind !== 'granted' || two.kind !== 'granted') return
    expect(two.token).not.toBe(one.token)
    expect(two.lock?.scope).toBe('shared')
    expect(
      server
        .locks()
        .map((l) => l.token)
        .sort(),
    ).toEqual([one.token, two.token].sort())
    expect((await dav.lock('a.txt', { scope: 'exclusive', depth: 0 })).kind).toBe('locked')
  })

  test('locking an unmapped URL creates an empty resource (201)', async () => {
    const { dav, server } = fakeSetup()
    const held = await dav.lock('new.txt')
    expect(held).toMatchObject({ kind: 'granted', created: true, status: 201 })
    expect(server.read('/new.txt')?.content.byteLength).toBe(0)
  })

  test('writes under a lock need its token in an If header, tagged with the lock root when it is a parent', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { dir: { 'a.txt': 'x' } } })
    const held = await dav.lock('dir/', { depth: 'infinity' })
    if (held.kind !== 'granted') throw new Error(held.kind)
    const refused = await dav.put('dir/a.txt', 'y')
    expect(refused.kind).toBe('locked')
    if (refused.kind === 'locked') expect(refused.lockedHrefs.length).toBeGreaterThan(0)
    expect(server.read('/dir/a.txt')?.text).toBe('x')

    // A bare token is tagged with the request URL, never sent untagged (which would apply to the parent too).
    expect((await dav.put('dir/a.txt', 'y', { lockToken: held.token })).kind).toBe('replaced')
    expect(requests.at(-1)?.headers.get('if')).toBe(`<https://dav.test/dir/a.txt> (<${held.token}>)`)
    expect((await dav.put('dir/b.txt', 'z', { lockToken: { token: held.token, root: 'dir/' } })).kind).toBe('created')
    expect(requests.at(-1)?.headers.get('if')).toBe(`<https://dav.test/dir/> (<${held.token}>)`)
    // The granted lock is itself a submission, tagged with its root.
    expect(held.root.url).toBe('https://dav.test/dir/')
    expect((await dav.put('dir/c.txt', 'w', { lockToken: held })).kind).toBe('created')
    expect(requests.at(-1)?.headers.get('if')).toBe(`<https://dav.test/dir/> (<${held.token}>)`)
    expect(server.read('/dir/b.txt')?.text).toBe('z')
  })

  test('refresh resets the timeout; a refresh with an unknown token is precondition-failed', async () => {
    const { dav, requests } = fakeSetup({ seed: { 'a.txt': 'x' } })
    const held = await dav.lock('a.txt', { timeout: 60 })
    if (held.kind !== 'granted') throw new Error(held.kind)
    const refreshed = await dav.refreshLock('a.txt', held.token, { timeout: 3600 })
    expect(requests.at(-1)?.headers.get('if')).toBe(`<https://dav.test/a.txt> (<${held.token}>)`)
    expect((await dav.refreshLock('a.txt', held)).kind).toBe('granted')
    expect(await requests.at(-1)?.text()).toBe('')
    expect(refreshed).toMatchObject({ kind: 'granted', token: held.token })
    if (refreshed.kind === 'granted') expect(refreshed.lock?.timeout).toEqual({ kind: 'seconds', seconds: 3600 })
    const bad = await dav.refreshLock('a.txt', 'opaquelocktoken:not-a-lock')
    expect(bad.kind).toBe('precondition-failed')
  })

  test('unlock releases; unlocking again is not-locked', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { 'a.txt': 'x' } })
    const held = await dav.lock('a.txt')
    if (held.kind !== 'granted') throw new Error(held.kind)
    expect(await dav.unlock('a.txt', held.token)).toMatchObject({ kind: 'unlocked', status: 204 })
    expect(requests.at(-1)?.headers.get('lock-token')).toBe(`<${held.token}>`)
    expect(server.locks()).toEqual([])
    expect((await dav.unlock('a.txt', held.token)).kind).toBe('not-locked')
  })

  test('bad options are refused before anything is sent', async () => {
    const { dav, requests } = fakeSetup({ seed: { 'a.txt': 'x' } })
    await expect(dav.lock('a.txt', { timeout: -5 })).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.lock('a.txt', { depth: 1 as 0 })).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.unlock('a.txt', 'has space')).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.put('a.txt', 'x', { lockToken: '<bad>' })).rejects.toBeInstanceOf(InvalidRequestError)
    expect(requests).toHaveLength(0)
  })

  test('an owner given as XML is sent as XML', async () => {
    const { dav, requests } = fakeSetup({ seed: { 'a.txt': 'x' } })
    await dav.lock('a.txt', { owner: [element({ namespace: 'DAV:', local: 'href' }, [{ kind: 'text', text: 'mailto:a@example.com' }])] })
    expect(await requests.at(-1)?.text()).toContain('<D:owner><D:href>mailto:a@example.com</D:href></D:owner>')
  })
})

describe('buildIfHeader', () => {
  test('untagged and tagged lists, Not, entity tags', () => {
    expect(
      buildIfHeader([
        {
          conditions: [
            { kind: 'token', token: 'urn:uuid:1' },
            { kind: 'etag', etag: '"e1"' },
          ],
        },
      ]),
    ).toBe('(<urn:uuid:1> ["e1"])')
    expect(
      buildIfHeader([
        { resource: 'https://h/a', conditions: [{ kind: 'token', token: 'urn:uuid:1' }] },
        { resource: 'https://h/a', conditions: [{ kind: 'token', token: 'DAV:no-lock', not: true }] },
        { resource: 'https://h/b', conditions: [{ kind: 'etag', etag: 'W/"x"' }] },
      ]),
    ).toBe('<https://h/a> (<urn:uuid:1>) (Not <DAV:no-lock>) <https://h/b> ([W/"x"])')
  })

  test('refuses mixed tagging, empty lists, unquoted etags and tokens with brackets', () => {
    expect(() => buildIfHeader([])).toThrow(InvalidRequestError)
    expect(() => buildIfHeader([{ conditions: [] }])).toThrow(InvalidRequestError)
    expect(() => buildIfHeader([{ conditions: [{ kind: 'etag', etag: 'e1' }] }])).toThrow(InvalidRequestError)
    expect(() => buildIfHeader([{ conditions: [{ kind: 'token', token: 'a>b' }] }])).toThrow(InvalidRequestError)
    expect(() =>
      buildIfHeader([
        { resource: 'https://h/a', conditions: [{ kind: 'token', token: 'urn:x' }] },
        { conditions: [{ kind: 'token', token: 'urn:y' }] },
      ]),
    ).toThrow(InvalidRequestError)
  })
})
