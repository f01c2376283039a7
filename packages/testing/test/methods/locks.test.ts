import { describe, expect, it } from 'vitest'
import { createDavServer } from '../../src/index.ts'
import { ORIGIN, parseMultistatus, send } from '../support/dav-request.ts'

const lockBody = (scope: 'exclusive' | 'shared', owner = 'me') =>
  `<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:${scope}/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner><D:href>${owner}</D:href></D:owner></D:lockinfo>`

async function lock(
  dav: ReturnType<typeof createDavServer>,
  path: string,
  scope: 'exclusive' | 'shared' = 'exclusive',
  headers: Record<string, string> = {},
) {
  const response = await send(dav, 'LOCK', path, { body: lockBody(scope), headers: { Timeout: 'Second-600', ...headers } })
  const token = /^<(.+)>$/.exec(response.headers.get('Lock-Token') ?? '')?.[1]
  return { response, token, body: await response.text() }
}

describe('LOCK', () => {
  it('grants an exclusive lock with a Lock-Token header and lockdiscovery body', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const { response, token, body } = await lock(dav, '/a.txt')
    expect(response.status).toBe(200)
    expect(token).toMatch(/^opaquelocktoken:[0-9a-f-]{36}$/)
    expect(body).toContain(`<D:locktoken><D:href>${token}</D:href></D:locktoken>`)
    expect(body).toContain('<D:timeout>Second-600</D:timeout>')
    expect(body).toContain('<D:owner><D:href>me</D:href></D:owner>')
    expect(body).toContain('<D:lockroot><D:href>/a.txt</D:href></D:lockroot>')
  })

  it('blocks writes without the token (423 lock-token-submitted) and allows them with it', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const { token } = await lock(dav, '/a.txt')
    const refused = await send(dav, 'PUT', '/a.txt', { body: 'y' })
    expect(refused.status).toBe(423)
    expect(await refused.text()).toContain('<D:lock-token-submitted><D:href>/a.txt</D:href></D:lock-token-submitted>')
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { If: `(<${token}>)` } })).status).toBe(204)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'z', headers: { If: `<${ORIGIN}/a.txt> (<${token}>)` } })).status).toBe(204)
    expect(dav.read('/a.txt')?.text).toBe('z')
  })

  it('evaluates If conditions: wrong ETag or unknown token is 412, Not and DAV:no-lock work', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const { token } = await lock(dav, '/a.txt')
    const etag = dav.read('/a.txt')?.etag ?? ''
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { If: `(<${token}> ["bogus"])` } })).status).toBe(412)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { If: '(<opaquelocktoken:nope>)' } })).status).toBe(412)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y', headers: { If: `(<${token}> [${etag}])` } })).status).toBe(204)
    expect(
      (await send(dav, 'PUT', '/a.txt', { body: 'z', headers: { If: `(<opaquelocktoken:nope>) (Not <DAV:no-lock> <${token}>)` } })).status,
    ).toBe(204)
    expect((await send(dav, 'PUT', '/a.txt', { body: 'w', headers: { If: '(<DAV:no-lock>)' } })).status).toBe(412)
  })

  it('lets shared locks coexist and refuses an exclusive one (423 no-conflicting-lock)', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    expect((await lock(dav, '/a.txt', 'shared')).response.status).toBe(200)
    expect((await lock(dav, '/a.txt', 'shared')).response.status).toBe(200)
    const conflict = await lock(dav, '/a.txt', 'exclusive')
    expect(conflict.response.status).toBe(423)
    expect(conflict.body).toContain('<D:no-conflicting-lock><D:href>/a.txt</D:href></D:no-conflicting-lock>')
    expect(dav.locks()).toHaveLength(2)
  })

  it('locks unmapped URLs by creating an empty resource (201); 409 without a parent', async () => {
    const dav = createDavServer()
    const { response } = await lock(dav, '/new.txt')
    expect(response.status).toBe(201)
    expect(dav.read('/new.txt')?.content.byteLength).toBe(0)
    expect((await lock(dav, '/no/parent.txt')).response.status).toBe(409)
  })

  it('a depth-infinity collection lock covers new members and conflicts with member locks', async () => {
    const dav = createDavServer({ seed: { c: { 'm.txt': 'x' }, d: { 'n.txt': 'y' } } })
    const { token } = await lock(dav, '/c/', 'exclusive', { Depth: 'infinity' })
    expect((await send(dav, 'PUT', '/c/new.txt', { body: 'n' })).status).toBe(423)
    expect((await send(dav, 'MKCOL', '/c/sub/')).status).toBe(423)
    expect((await send(dav, 'PUT', '/c/new.txt', { body: 'n', headers: { If: `(<${token}>)` } })).status).toBe(201)
    await lock(dav, '/d/n.txt')
    const blocked = await lock(dav, '/d/', 'exclusive', { Depth: 'infinity' })
    expect(blocked.response.status).toBe(207)
    const { responses } = parseMultistatus(blocked.body)
    expect(responses.map((entry) => [entry.href, entry.status ?? entry.propstats[0]?.status])).toEqual([
      ['/d/', 'HTTP/1.1 424 Failed Dependency'],
      ['/d/n.txt', 'HTTP/1.1 423 Locked'],
    ])
    expect(responses[1]?.error).toHaveProperty('D:no-conflicting-lock')
    expect(dav.locks().map((active) => active.root)).toEqual(['/c', '/d/n.txt'])
    expect((await lock(dav, '/d/', 'exclusive', { Depth: '0' })).response.status).toBe(200)
    expect((await lock(dav, '/d/', 'exclusive', { Depth: '1' })).response.status).toBe(400)
  })

  it('a depth-0 collection lock protects its membership but not its members content', async () => {
    const dav = createDavServer({ seed: { c: { 'm.txt': 'x' } } })
    await lock(dav, '/c/', 'exclusive', { Depth: '0' })
    expect((await send(dav, 'PUT', '/c/m.txt', { body: 'changed' })).status).toBe(204)
    expect((await send(dav, 'PUT', '/c/added.txt', { body: 'n' })).status).toBe(423)
    expect((await send(dav, 'DELETE', '/c/m.txt')).status).toBe(423)
  })

  it("like Apache, a parent collection's token must be tagged with the parent URL", async () => {
    const dav = createDavServer({ seed: { c: { 'm.txt': 'x' } } })
    const { token } = await lock(dav, '/c/', 'exclusive', { Depth: '0' })
    expect((await send(dav, 'PUT', '/c/new.txt', { body: 'n', headers: { If: `(<${token}>)` } })).status).toBe(412)
    expect((await send(dav, 'DELETE', '/c/m.txt', { headers: { If: `(<${token}>)` } })).status).toBe(412)
    expect((await send(dav, 'PUT', '/c/new.txt', { body: 'n', headers: { If: `<${ORIGIN}/c/> (<${token}>)` } })).status).toBe(201)
    expect((await send(dav, 'DELETE', '/c/m.txt', { headers: { If: `</c/> (<${token}>)` } })).status).toBe(204)
  })

  it('refreshes with an If header and no body; 412 with a token that does not apply', async () => {
    let now = 0
    const dav = createDavServer({ seed: { 'a.txt': 'x', 'b.txt': 'y' }, now: () => new Date(now) })
    const { token } = await lock(dav, '/a.txt')
    now = 500_000
    const refreshed = await send(dav, 'LOCK', '/a.txt', { headers: { If: `(<${token}>)`, Timeout: 'Second-900' } })
    expect(refreshed.status).toBe(200)
    expect(await refreshed.text()).toContain('<D:timeout>Second-900</D:timeout>')
    const other = await send(dav, 'LOCK', '/b.txt', { headers: { If: `<${ORIGIN}/a.txt> (<${token}>)` } })
    expect(other.status).toBe(412)
    expect((await send(dav, 'LOCK', '/a.txt')).status).toBe(400)
  })

  it('expires locks after their timeout', async () => {
    let now = 0
    const dav = createDavServer({ seed: { 'a.txt': 'x' }, now: () => new Date(now) })
    await lock(dav, '/a.txt', 'exclusive', { Timeout: 'Second-10' })
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y' })).status).toBe(423)
    now = 10_001
    expect((await send(dav, 'PUT', '/a.txt', { body: 'y' })).status).toBe(204)
  })

  it('refuses malformed lockinfo bodies with 400', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const bad = [
      '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope></D:lockinfo>',
      '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:both/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>',
      '<lockinfo/>',
      '<D:lockinfo xmlns:D="DAV:">',
    ]
    for (const body of bad) expect((await send(dav, 'LOCK', '/a.txt', { body })).status).toBe(400)
  })
})

describe('UNLOCK', () => {
  it('removes a lock (204); 409 lock-token-matches-request-uri for a token that does not apply; 400 without one', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x', 'b.txt': 'y' } })
    const { token } = await lock(dav, '/a.txt')
    const wrong = await send(dav, 'UNLOCK', '/b.txt', { headers: { 'Lock-Token': `<${token}>` } })
    expect(wrong.status).toBe(409)
    expect(await wrong.text()).toContain('<D:lock-token-matches-request-uri/>')
    expect((await send(dav, 'UNLOCK', '/a.txt')).status).toBe(400)
    expect((await send(dav, 'UNLOCK', '/a.txt', { headers: { 'Lock-Token': `<${token}>` } })).status).toBe(204)
    expect(dav.locks()).toEqual([])
    expect((await send(dav, 'PUT', '/a.txt', { body: 'free' })).status).toBe(204)
  })
})

describe('lockdiscovery', () => {
  it('shows active locks on covered members', async () => {
    const dav = createDavServer({ seed: { c: { 'm.txt': 'x' } } })
    const { token } = await lock(dav, '/c/', 'exclusive', { Depth: 'infinity' })
    const response = await send(dav, 'PROPFIND', '/c/m.txt', {
      headers: { Depth: '0' },
      body: '<D:propfind xmlns:D="DAV:"><D:prop><D:lockdiscovery/></D:prop></D:propfind>',
    })
    const [entry] = parseMultistatus(await response.text()).responses
    const discovery = entry?.propstats[0]?.props['D:lockdiscovery'] as Record<string, Record<string, unknown>>
    expect(discovery['D:activelock']?.['D:locktoken']).toEqual({ 'D:href': [token] })
    expect(discovery['D:activelock']?.['D:lockroot']).toEqual({ 'D:href': ['/c/'] })
  })
})
