// The fake server's auth, driven with plain requests and answers computed here with node:crypto,
// so that it is checked independently of the client.
import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createDavServer } from '../src/index.ts'

const URL_ = 'http://dav.test/docs/'
const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

function challengeOf(response: Response): Record<string, string> {
  const value = response.headers.get('www-authenticate') ?? ''
  return Object.fromEntries([...value.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)].map((m) => [m[1], m[2] ?? m[3]]))
}

function digest(challenge: Record<string, string>, password: string, nc: string): string {
  const ha1 = md5(`alice:${challenge['realm']}:${password}`)
  const ha2 = md5('PROPFIND:/docs/')
  const response = md5(`${ha1}:${challenge['nonce']}:${nc}:c0ffee:auth:${ha2}`)
  return (
    `Digest username="alice", realm="${challenge['realm']}", nonce="${challenge['nonce']}", uri="/docs/", algorithm=MD5, ` +
    `qop=auth, nc=${nc}, cnonce="c0ffee", response="${response}", opaque="${challenge['opaque']}"`
  )
}

const propfind = (authorization?: string): Request =>
  new Request(URL_, {
    method: 'PROPFIND',
    headers: { Depth: '0', ...(authorization === undefined ? {} : { Authorization: authorization }) },
  })

describe('a fake server that requires auth', () => {
  test('challenges, accepts the right Digest answer, refuses a wrong password and a replayed count', async () => {
    const dav = createDavServer({ auth: { users: { alice: 'pw' }, algorithms: ['MD5'] }, seed: { docs: {} } })
    const first = await dav.handle(propfind())
    expect(first.status).toBe(401)
    const challenge = challengeOf(first)
    expect(challenge['algorithm']).toBe('MD5')
    expect((await dav.handle(propfind(digest(challenge, 'pw', '00000001')))).status).toBe(207)
    expect((await dav.handle(propfind(digest(challenge, 'wrong', '00000002')))).status).toBe(401)
    const replayed = await dav.handle(propfind(digest(challenge, 'pw', '00000001')))
    expect(replayed.status).toBe(401)
    expect(challengeOf(replayed)['stale']).toBe('true')
  })

  test('expireNonces makes the next use of a nonce stale, for a right password only', async () => {
    const dav = createDavServer({ auth: { users: { alice: 'pw' }, algorithms: ['MD5'] }, seed: { docs: {} } })
    const challenge = challengeOf(await dav.handle(propfind()))
    expect((await dav.handle(propfind(digest(challenge, 'pw', '00000001')))).status).toBe(207)
    dav.auth?.expireNonces()
    const stale = await dav.handle(propfind(digest(challenge, 'pw', '00000002')))
    expect(stale.status).toBe(401)
    expect(challengeOf(stale)['stale']).toBe('true')
    const wrong = await dav.handle(propfind(digest(challenge, 'nope', '00000003')))
    expect(challengeOf(wrong)['stale']).toBeUndefined()
  })

  test('Basic: the right pair passes, a wrong one is challenged; the journal records both', async () => {
    const dav = createDavServer({ auth: { users: { alice: 'pw' }, schemes: ['basic'] }, seed: { docs: {} } })
    expect((await dav.handle(propfind(`Basic ${btoa('alice:pw')}`))).status).toBe(207)
    const refused = await dav.handle(propfind(`Basic ${btoa('alice:no')}`))
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="davkit", charset="UTF-8"')
    expect(dav.journal.entries.map((e) => e.status)).toEqual([207, 401])
  })

  test('without auth options nothing is required', async () => {
    const dav = createDavServer({ seed: { docs: {} } })
    expect((await dav.handle(propfind())).status).toBe(207)
    expect(dav.auth).toBeUndefined()
  })
})
