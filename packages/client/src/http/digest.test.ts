import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { parseChallenges } from './challenge.ts'
import { digestAuthorization, digestChallenges, digestHash, newCnonce, type DigestAlgorithm } from './digest.ts'

/** The parameters of a Digest Authorization value. */
function paramsOf(authorization: string): Record<string, string> {
  const [challenge] = parseChallenges(authorization)
  return { ...challenge?.params }
}

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
const RFC_EXAMPLE = (algorithm: string): string =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
  'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"'
const RFC_INPUT = {
  method: 'GET',
  uri: '/dir/index.html',
  nonceCount: 1,
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  body: undefined,
}
const MUFASA = { username: 'Mufasa', password: 'Circle of Life' }

describe('Digest answers', () => {
  test.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ])('the RFC 7616 example with %s', async (algorithm, expected) => {
    const [challenge] = digestChallenges(parseChallenges(RFC_EXAMPLE(algorithm)))
    expect(challenge).toBeDefined()
    const params = paramsOf(await digestAuthorization(challenge!, MUFASA, RFC_INPUT))
    expect(params).toMatchObject({
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      uri: '/dir/index.html',
      algorithm,
      nc: '00000001',
      qop: 'auth',
      response: expected,
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    })
  })

  test('the strongest algorithm offered is chosen; unknown ones (SHA-1, SHA-512-256) are skipped', () => {
    const header = `${RFC_EXAMPLE('SHA-1')}, ${RFC_EXAMPLE('MD5')}, ${RFC_EXAMPLE('SHA-512-256-sess')}, ${RFC_EXAMPLE('SHA-256-sess')}, Basic realm="x"`
    const offered = digestChallenges(parseChallenges(header))
    expect(offered.map((c) => `${c.algorithm}${c.session ? '-sess' : ''}`)).toEqual(['SHA-256-sess', 'MD5'])
  })

  test('the nonce count is 8 hex digits, so the tenth request is 0000000a', async () => {
    const [challenge] = digestChallenges(parseChallenges(RFC_EXAMPLE('MD5')))
    expect(paramsOf(await digestAuthorization(challenge!, MUFASA, { ...RFC_INPUT, nonceCount: 10 }))['nc']).toBe('0000000a')
    expect(paramsOf(await digestAuthorization(challenge!, MUFASA, { ...RFC_INPUT, nonceCount: 300 }))['nc']).toBe('0000012c')
  })

  /** The RFC 7616 computation written out again with node:crypto, to check the other variants. */
  function expected(algorithm: DigestAlgorithm, session: boolean, qop: 'auth' | 'auth-int', body = ''): string {
    const name = { MD5: 'md5', 'SHA-256': 'sha256' }[algorithm]
    const H = (s: string): string => createHash(name).update(s).digest('hex')
    let ha1 = H('Mufasa:http-auth@example.org:Circle of Life')
    if (session) ha1 = H(`${ha1}:7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:${RFC_INPUT.cnonce}`)
    const ha2 = H(qop === 'auth' ? 'GET:/dir/index.html' : `GET:/dir/index.html:${H(body)}`)
    return H(`${ha1}:7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:${RFC_INPUT.cnonce}:${qop}:${ha2}`)
  }

  test.each([
    ['MD5-sess', 'MD5', true],
    ['SHA-256-sess', 'SHA-256', true],
  ] as const)('%s', async (named, algorithm, session) => {
    const [challenge] = digestChallenges(parseChallenges(RFC_EXAMPLE(named)))
    const params = paramsOf(await digestAuthorization(challenge!, MUFASA, RFC_INPUT))
    expect(params['algorithm']).toBe(named)
    expect(params['response']).toBe(expected(algorithm, session, 'auth'))
  })

  test('auth-int hashes the body, when it is the only qop offered', async () => {
    const header = RFC_EXAMPLE('SHA-256').replace('qop="auth, auth-int"', 'qop="auth-int"')
    const [challenge] = digestChallenges(parseChallenges(header))
    const body = new TextEncoder().encode('<propfind/>')
    const params = paramsOf(await digestAuthorization(challenge!, MUFASA, { ...RFC_INPUT, body }))
    expect(params['qop']).toBe('auth-int')
    expect(params['response']).toBe(expected('SHA-256', false, 'auth-int', '<propfind/>'))
  })

  test('userhash sends H(username:realm) in place of the name (RFC 7616 §3.4.4)', async () => {
    const header =
      'Digest realm="api@example.org", qop="auth", algorithm=SHA-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", ' +
      'opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", charset=UTF-8, userhash=true'
    const [challenge] = digestChallenges(parseChallenges(header))
    const authorization = await digestAuthorization(
      challenge!,
      { username: 'J\u00e4s\u00f8n Doe', password: 'Secret, or not?' },
      { method: 'GET', uri: '/doe.json', nonceCount: 1, cnonce: 'NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v', body: undefined },
    )
    const params = paramsOf(authorization)
    expect(params['username']).toBe(createHash('sha256').update('J\u00e4s\u00f8n Doe:api@example.org').digest('hex'))
    expect(params['userhash']).toBe('true')
    expect(authorization).not.toContain('J\u00e4s')
  })

  test('a non-ASCII username without userhash is sent as username* (RFC 8187)', async () => {
    const [challenge] = digestChallenges(parseChallenges(RFC_EXAMPLE('MD5')))
    const authorization = await digestAuthorization(challenge!, { username: 'J\u00e4s\u00f8n', password: 'x' }, RFC_INPUT)
    expect(authorization).toContain("username*=UTF-8''J%C3%A4s%C3%B8n")
  })

  test('an RFC 2069 challenge (no qop) is answered without nc and cnonce', async () => {
    const [challenge] = digestChallenges(parseChallenges('Digest realm="r", nonce="n"'))
    const params = paramsOf(await digestAuthorization(challenge!, MUFASA, RFC_INPUT))
    expect(params['nc']).toBeUndefined()
    expect(params['response']).toBe(
      createHash('md5')
        .update(
          `${createHash('md5').update('Mufasa:r:Circle of Life').digest('hex')}:n:${createHash('md5').update('GET:/dir/index.html').digest('hex')}`,
        )
        .digest('hex'),
    )
  })

  test('every cnonce is fresh', () => {
    expect(new Set(Array.from({ length: 50 }, newCnonce)).size).toBe(50)
  })

  test('hashes match node:crypto', async () => {
    expect(await digestHash('SHA-256', 'abc')).toBe(createHash('sha256').update('abc').digest('hex'))
    expect(await digestHash('MD5', 'abc')).toBe(createHash('md5').update('abc').digest('hex'))
  })
})

describe('parseChallenges', () => {
  test('reads several challenges, quoted strings with commas and escapes; skips a token68', () => {
    const challenges = parseChallenges(
      'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple, really", Negotiate abc123==',
    )
    expect(challenges).toEqual([
      { scheme: 'newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'basic', params: { realm: 'simple, really' } },
      { scheme: 'negotiate', params: {} },
    ])
  })

  test('a missing or broken header gives what it can, never throws', () => {
    expect(parseChallenges(null)).toEqual([])
    expect(parseChallenges('  ,, ')).toEqual([])
    expect(parseChallenges('Digest realm="unterminated')[0]?.params['realm']).toBe('unterminated')
  })
})
