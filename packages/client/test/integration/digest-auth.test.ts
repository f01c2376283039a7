// Basic, Digest and renewable credentials against @davkit/testing served over real sockets on
// 127.0.0.1 (imported by path, as in the other integration tests: a dependency back would be a cycle).
import { afterEach, describe, expect, test } from 'vitest'
import { createDavServer, type DavServer, type DavServerAuth, type ServerDigestAlgorithm } from '../../../testing/src/index.ts'
import { listen, type ListeningDavServer } from '../../../testing/src/node/index.ts'
import { HttpStatusError, UnauthorizedError, createDavClient, davProps, type DavAuth } from '../../src/index.ts'
import { createRequestPipeline } from '../../src/http/request-pipeline.ts'

const USERS = { alice: 'wonder land', 'J\u00e4s\u00f8n': 'Secret, or not?' }
const props = { props: { etag: davProps.getetag } } as const
let running: ListeningDavServer | undefined

afterEach(async () => {
  await running?.close()
  running = undefined
})

async function serve(auth: Omit<DavServerAuth, 'users'>): Promise<{ dav: DavServer; url: string }> {
  const dav = createDavServer({ auth: { ...auth, users: USERS }, seed: { docs: { 'a.txt': 'a' } } })
  running = await listen(dav, { host: '127.0.0.1' })
  return { dav, url: running.url }
}

const client = (url: string, auth: DavAuth) => createDavClient({ baseUrl: url, auth, retry: false })
const digestParam = (value: string | undefined, name: string): string | undefined =>
  new RegExp(`${name}="?([^",]+)"?`).exec(value ?? '')?.[1]

describe('Digest against @davkit/testing', () => {
  const algorithms: ServerDigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess']
  test.each(algorithms)('%s: one challenge, then Digest straight away, the nonce count growing in hex', async (algorithm) => {
    const { dav, url } = await serve({ algorithms: [algorithm] })
    const dav1 = client(url, { username: 'alice', password: 'wonder land' })
    expect((await dav1.propfind('docs/', props)).resources[0]?.props.etag.kind).toBeDefined()
    await dav1.propfind('docs/', props)
    const sent = dav.journal.entries.map((e) => [
      e.status,
      e.headers['authorization']?.split(' ')[0],
      digestParam(e.headers['authorization'], 'nc'),
    ])
    expect(sent).toEqual([
      [401, 'Basic', undefined],
      [207, 'Digest', '00000001'],
      [207, 'Digest', '00000002'],
    ])
    expect(digestParam(dav.journal.entries[1]?.headers['authorization'], 'algorithm')).toBe(algorithm)
  })

  test('the strongest of the algorithms answered is chosen; SHA-512-256 is passed over', async () => {
    const { dav, url } = await serve({ algorithms: ['MD5', 'SHA-512-256', 'SHA-256'] })
    await client(url, { username: 'alice', password: 'wonder land' }).propfind('docs/', props)
    expect(digestParam(dav.journal.last()?.headers['authorization'], 'algorithm')).toBe('SHA-256')
    expect(dav.journal.last()?.status).toBe(207)
  })

  test('userhash hides the username; a non-ASCII name works', async () => {
    const { dav, url } = await serve({ algorithms: ['SHA-256'], userhash: true })
    await client(url, { username: 'J\u00e4s\u00f8n', password: 'Secret, or not?' }).propfind('docs/', props)
    const last = dav.journal.last()
    expect(last?.status).toBe(207)
    expect(last?.headers['authorization']).toContain('userhash=true')
    expect(last?.headers['authorization']).not.toContain('J')
  })

  test('auth-int hashes the body of a request', async () => {
    const { dav, url } = await serve({ algorithms: ['SHA-256'], qop: ['auth-int'] })
    const pipeline = createRequestPipeline({ baseUrl: url, auth: { username: 'alice', password: 'wonder land' }, retry: false })
    const response = await pipeline.send({
      method: 'PUT',
      url: new URL('docs/b.txt', url),
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.status).toBe(201)
    expect(dav.journal.last()?.headers['authorization']).toContain('qop=auth-int')
    expect(dav.read('/docs/b.txt')?.text).toBe('hello')
  })

  test('a stale nonce is answered by one silent re-authentication', async () => {
    const { dav, url } = await serve({ algorithms: ['MD5'] })
    const dav1 = client(url, { username: 'alice', password: 'wonder land' })
    await dav1.propfind('docs/', props)
    dav.auth?.expireNonces()
    dav.journal.clear()
    await dav1.propfind('docs/', props)
    expect(dav.journal.entries.map((e) => e.status)).toEqual([401, 207])
    expect(dav.journal.entries[0]?.responseHeaders['www-authenticate']).toContain('stale=true')
  })

  test("the server's nextnonce is used for the next request, its count starting again at 1", async () => {
    const { dav, url } = await serve({ algorithms: ['SHA-256'], nextnonce: true })
    const dav1 = client(url, { username: 'alice', password: 'wonder land' })
    await dav1.propfind('docs/', props)
    const next = digestParam(dav.journal.last()?.responseHeaders['authentication-info'], 'nextnonce')
    expect(next).toBeDefined()
    await dav1.propfind('docs/', props)
    const last = dav.journal.last()?.headers['authorization']
    expect(digestParam(last, 'nonce')).toBe(next)
    expect(digestParam(last, 'nc')).toBe('00000001')
    expect(dav.journal.last()?.status).toBe(207)
  })

  test('a wrong password gives the 401 back after one Digest try, not a loop', async () => {
    const { dav, url } = await serve({ algorithms: ['SHA-256'] })
    const error = await client(url, { username: 'alice', password: 'wrong' })
      .propfind('docs/', props)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).status).toBe(401)
    expect(dav.journal.entries.map((e) => e.status)).toEqual([401, 401])
  })

  test('a stream body is not spent on a 401: the challenge is learnt first, the stream sent once', async () => {
    const { dav, url } = await serve({ algorithms: ['SHA-256'] })
    const pipeline = createRequestPipeline({ baseUrl: url, auth: { username: 'alice', password: 'wonder land' }, retry: false })
    let pulls = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(new TextEncoder().encode('streamed'))
        controller.close()
      },
    })
    const response = await pipeline.send({ method: 'PUT', url: new URL('docs/s.txt', url), body })
    expect(response.status).toBe(201)
    expect(pulls).toBe(1)
    expect(dav.journal.entries.map((e) => `${e.method} ${e.status}`)).toEqual(['HEAD 401', 'HEAD 404', 'PUT 201'])
    expect(dav.read('/docs/s.txt')?.text).toBe('streamed')
  })
})

describe('Basic against @davkit/testing', () => {
  test('sent before any challenge by default: one request', async () => {
    const { dav, url } = await serve({ schemes: ['basic'] })
    await client(url, { username: 'alice', password: 'wonder land' }).propfind('docs/', props)
    expect(dav.journal.entries.map((e) => e.status)).toEqual([207])
  })

  test('with preemptiveBasic false, only after the challenge', async () => {
    const { dav, url } = await serve({ schemes: ['basic'] })
    await client(url, { username: 'alice', password: 'wonder land', preemptiveBasic: false }).propfind('docs/', props)
    expect(dav.journal.entries.map((e) => [e.status, e.headers['authorization']?.split(' ')[0]])).toEqual([
      [401, undefined],
      [207, 'Basic'],
    ])
  })

  test('a Digest-first server with preemptiveBasic false never sees the Basic form of the password', async () => {
    const { dav, url } = await serve({ schemes: ['digest', 'basic'] })
    await client(url, { username: 'alice', password: 'wonder land', preemptiveBasic: false }).propfind('docs/', props)
    expect(dav.journal.entries.some((e) => e.headers['authorization']?.startsWith('Basic') === true)).toBe(false)
    expect(dav.journal.last()?.status).toBe(207)
  })
})

describe('renewable credentials', () => {
  const basic = (password: string): string => `Basic ${btoa(`alice:${password}`)}`

  test('an auth function told of a refusal returns fresh credentials; the request is repeated once', async () => {
    const { dav, url } = await serve({ schemes: ['basic'] })
    const refusals: string[] = []
    let token = 'expired'
    const auth: DavAuth = ({ refused }) => {
      if (refused !== undefined) {
        refusals.push(refused.challenges.map((c) => c.scheme).join(','))
        token = 'wonder land'
      }
      return { Authorization: basic(token) }
    }
    const dav1 = client(url, auth)
    await dav1.propfind('docs/', props)
    await dav1.propfind('docs/', props)
    expect(refusals).toEqual(['basic'])
    expect(dav.journal.entries.map((e) => e.status)).toEqual([401, 207, 207])
  })

  test('a second 401 is an UnauthorizedError carrying the parsed challenge', async () => {
    const { dav, url } = await serve({ schemes: ['basic'], realm: 'the vault' })
    const error = await client(url, () => ({ Authorization: basic('never right') }))
      .propfind('docs/', props)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect((error as UnauthorizedError).challenges).toEqual([{ scheme: 'basic', params: { realm: 'the vault', charset: 'UTF-8' } }])
    expect(dav.journal.entries.map((e) => e.status)).toEqual([401, 401])
  })
})
