// Exact answers real servers give, replayed through a scripted fetch: statuses and bodies the
// fake server does not produce.
import { describe, expect, test } from 'vitest'
import { HttpStatusError, UndecodableResponseError, createDavClient, davProps } from '../../src/index.ts'

const BASE = 'https://dav.example/files/'
const XML = { 'content-type': 'application/xml; charset=utf-8' }

function scripted(answer: (request: Request) => Response | Promise<Response>) {
  const seen: Request[] = []
  const dav = createDavClient({
    baseUrl: BASE,
    auth: { username: 'alice', password: 's3cret-pass' },
    retry: false,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      seen.push(request)
      return answer(request)
    },
  })
  return { dav, seen }
}

const LOCKED_MEMBER = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
<D:response><D:href>/files/dir/held.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status>
<D:error><D:lock-token-submitted><D:href>/files/dir/held.txt</D:href></D:lock-token-submitted></D:error></D:response>
</D:multistatus>`

describe('DELETE failures carried by any status', () => {
  for (const status of [207, 423, 403]) {
    test(`a multistatus body with ${status} is partial with the member and its condition`, async () => {
      const { dav } = scripted(() => new Response(LOCKED_MEMBER, { status, headers: XML }))
      const result = await dav.delete('dir/')
      expect(result.kind).toBe('partial')
      if (result.kind !== 'partial') return
      expect(result.status).toBe(status)
      expect(result.failures).toHaveLength(1)
      const [failure] = result.failures
      expect(failure?.href.path).toBe('/files/dir/held.txt')
      expect(failure?.status).toMatchObject({ kind: 'status', code: 423 })
      expect(failure?.error?.conditions[0]?.hrefs).toEqual(['/files/dir/held.txt'])
    })
  }

  test('a 207 listing only successes is deleted', async () => {
    const ok = LOCKED_MEMBER.replace('HTTP/1.1 423 Locked', 'HTTP/1.1 204 No Content').replace(/<D:error>.*<\/D:error>/s, '')
    const { dav } = scripted(() => new Response(ok, { status: 207, headers: XML }))
    expect((await dav.delete('dir/')).kind).toBe('deleted')
  })

  test('a 207 that is not XML is an UndecodableResponseError, not a success', async () => {
    const { dav } = scripted(() => new Response('<html>login</html>', { status: 207, headers: { 'content-type': 'text/html' } }))
    await expect(dav.delete('dir/')).rejects.toBeInstanceOf(UndecodableResponseError)
  })
})

describe('423 and lock-token-submitted', () => {
  test('PUT into a locked collection: locked, with the lock root from lock-token-submitted', async () => {
    const body = `<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:lock-token-submitted><d:href>/files/dir/</d:href></d:lock-token-submitted></d:error>`
    const { dav } = scripted(() => new Response(body, { status: 423, headers: XML }))
    const result = await dav.put('dir/a.txt', 'x')
    expect(result).toMatchObject({ kind: 'locked', status: 423, lockedHrefs: ['/files/dir/'] })
    if (result.kind === 'locked') expect(result.error?.conditions[0]?.name).toEqual({ namespace: 'DAV:', local: 'lock-token-submitted' })
  })

  test('LOCK refused by no-conflicting-lock names the conflicting lock root', async () => {
    const body = `<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:no-conflicting-lock><D:href>/files/a.txt</D:href></D:no-conflicting-lock></D:error>`
    const { dav } = scripted(() => new Response(body, { status: 423, headers: XML }))
    expect(await dav.lock('a.txt')).toMatchObject({ kind: 'locked', lockedHrefs: ['/files/a.txt'] })
  })

  test('a Depth infinity LOCK failing on a member is partial with that member', async () => {
    const { dav } = scripted(() => new Response(LOCKED_MEMBER, { status: 207, headers: XML }))
    const result = await dav.lock('dir/')
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') expect(result.failures.map((f) => f.href.path)).toEqual(['/files/dir/held.txt'])
  })
})

describe('LOCK answers', () => {
  const discovery = (token: string) => `<?xml version="1.0" encoding="utf-8"?>
<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope>
<D:depth>infinity</D:depth><D:owner>alice</D:owner><D:timeout>Second-3600</D:timeout>
<D:locktoken><D:href>${token}</D:href></D:locktoken><D:lockroot><D:href>/files/dir/</D:href></D:lockroot></D:activelock></D:lockdiscovery></D:prop>`

  test('token from Lock-Token, lock and root from the discovery', async () => {
    const token = 'urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4'
    const { dav } = scripted(() => new Response(discovery(token), { status: 200, headers: { ...XML, 'lock-token': `<${token}>` } }))
    const result = await dav.lock('dir/')
    if (result.kind !== 'granted') throw new Error(result.kind)
    expect(result.token).toBe(token)
    expect(result.root).toMatchObject({ raw: '/files/dir/', url: 'https://dav.example/files/dir/' })
    expect(result.lock).toMatchObject({ depth: 'infinity', timeout: { kind: 'seconds', seconds: 3600 }, owner: { text: 'alice' } })
  })

  test('an undecodable body with a Lock-Token is still granted, the problem said', async () => {
    const { dav } = scripted(() => new Response('<html>ok</html>', { status: 200, headers: { 'lock-token': '<opaquelocktoken:1>' } }))
    const result = await dav.lock('a.txt')
    expect(result).toMatchObject({ kind: 'granted', token: 'opaquelocktoken:1', discovery: [], lock: undefined })
    if (result.kind === 'granted') expect(result.discoveryProblem).toMatch(/could not be decoded/)
  })

  test('a 200 with neither a Lock-Token nor a discovery is an UndecodableResponseError', async () => {
    const { dav } = scripted(() => new Response('', { status: 200 }))
    await expect(dav.lock('a.txt')).rejects.toBeInstanceOf(UndecodableResponseError)
  })
})

describe('sync-collection answers', () => {
  test('a 507 truncation marker for the collection, 404 removals in an href+status response with two hrefs', async () => {
    const body = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
<D:response><D:href>/files/c/new.txt</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
<D:response><D:href>/files/c/gone1.txt</D:href><D:href>/files/c/gone2.txt</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
<D:response><D:href>/files/c/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>
<D:error><D:number-of-matches-within-limits/></D:error></D:response>
<D:sync-token>urn:x:sync:7</D:sync-token>
</D:multistatus>`
    const { dav } = scripted(() => new Response(body, { status: 207, headers: XML }))
    const result = await dav.syncCollection('c/', { token: 'urn:x:sync:5', props: { etag: davProps.getetag } })
    if (result.kind !== 'changes') throw new Error(result.kind)
    expect(result.token).toBe('urn:x:sync:7')
    expect(result.truncated).toBe(true)
    expect(result.removed.map((h) => h.path)).toEqual(['/files/c/gone1.txt', '/files/c/gone2.txt'])
    expect(result.changed[0]?.props.etag).toMatchObject({ kind: 'value', value: { value: '1', weak: false } })
    expect(result.other).toEqual([])
  })

  test('valid-sync-token with 409 is invalid-token too; a 403 without it is an HttpStatusError', async () => {
    const invalid = `<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>`
    const a = scripted(() => new Response(invalid, { status: 409, headers: XML }))
    expect(await a.dav.syncCollection('c/', { token: 't', props: { etag: davProps.getetag } })).toMatchObject({
      kind: 'invalid-token',
      status: 409,
    })
    const b = scripted(() => new Response('Forbidden', { status: 403 }))
    await expect(b.dav.syncCollection('c/', { token: 't', props: { etag: davProps.getetag } })).rejects.toBeInstanceOf(HttpStatusError)
  })

  test('a multistatus without a sync-token is an UndecodableResponseError', async () => {
    const body = `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"></D:multistatus>`
    const { dav } = scripted(() => new Response(body, { status: 207, headers: XML }))
    await expect(dav.syncCollection('c/', { props: { etag: davProps.getetag } })).rejects.toBeInstanceOf(UndecodableResponseError)
  })
})

describe('credentials stay out of errors', () => {
  test('an HttpStatusError from GET carries the redacted Authorization and no password', async () => {
    const { dav, seen } = scripted(() => new Response('no', { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } }))
    const error = await dav.get('a.txt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(seen[0]?.headers.get('authorization')).toMatch(/^Basic /)
    const text = JSON.stringify({ ...(error as HttpStatusError), message: (error as Error).message })
    expect(text).toContain('[REDACTED]')
    expect(text).not.toContain(btoa('alice:s3cret-pass'))
    expect(text).not.toContain('s3cret-pass')
  })

  test('a redirect to another origin is refused, credentials not sent there', async () => {
    const { dav, seen } = scripted(() => new Response(null, { status: 302, headers: { location: 'https://evil.example/a.txt' } }))
    await expect(dav.get('a.txt')).rejects.toMatchObject({ code: 'cross-origin' })
    expect(seen.map((r) => new URL(r.url).origin)).toEqual(['https://dav.example'])
  })

  test('a same-origin redirect is followed for GET', async () => {
    const { dav, seen } = scripted((r) =>
      r.url.endsWith('/old.txt')
        ? new Response(null, { status: 301, headers: { location: '/files/new.txt' } })
        : new Response('moved content', { status: 200 }),
    )
    expect(await dav.get('old.txt', { as: 'text' })).toMatchObject({ kind: 'full', data: 'moved content' })
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/files/old.txt', '/files/new.txt'])
  })
})

describe('response-size bound', () => {
  test('a GET body above maxResponseBytes is a ResponseTooLargeError; as a stream it is handed over', async () => {
    const big = 'x'.repeat(2048)
    const dav = createDavClient({ baseUrl: BASE, retry: false, maxResponseBytes: 1024, fetch: async () => new Response(big) })
    await expect(dav.get('a.txt')).rejects.toMatchObject({ code: 'response-too-large', limit: 1024 })
    const streamed = await dav.get('a.txt', { as: 'stream' })
    if (streamed.kind !== 'full') throw new Error(streamed.kind)
    expect((await new Response(streamed.data).text()).length).toBe(2048)
  })
})
