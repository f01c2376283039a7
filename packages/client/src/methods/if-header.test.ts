import { describe, expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { applyLockTokens, buildIfHeader, lockIfHeader } from './if-header.ts'

const base = new URL('https://dav.example/files/alice/')
const file = new URL('https://dav.example/files/alice/docs/a.txt')

describe('lockIfHeader', () => {
  test('a bare token is tagged with the request URL, never sent untagged', () => {
    expect(lockIfHeader(base, file, 'opaquelocktoken:1')).toBe('<https://dav.example/files/alice/docs/a.txt> (<opaquelocktoken:1>)')
  })

  test('a submission with a root (a grant) is tagged with the root, resolved against the base URL', () => {
    expect(lockIfHeader(base, file, { token: 'opaquelocktoken:1', root: 'docs/' })).toBe(
      '<https://dav.example/files/alice/docs/> (<opaquelocktoken:1>)',
    )
    const grant = {
      token: 'opaquelocktoken:2',
      root: { raw: '/files/alice/docs/', url: 'https://dav.example/files/alice/docs/', path: '/files/alice/docs/' },
    }
    expect(lockIfHeader(base, file, grant)).toBe('<https://dav.example/files/alice/docs/> (<opaquelocktoken:2>)')
  })

  test('several tokens are alternatives, each with its own tag', () => {
    expect(lockIfHeader(base, file, ['opaquelocktoken:1', { token: 'opaquelocktoken:2', root: 'docs/' }])).toBe(
      '<https://dav.example/files/alice/docs/a.txt> (<opaquelocktoken:1>) <https://dav.example/files/alice/docs/> (<opaquelocktoken:2>)',
    )
  })

  test('no token, or one that is not a URI, is refused', () => {
    expect(() => lockIfHeader(base, file, [])).toThrow(InvalidRequestError)
    expect(() => lockIfHeader(base, file, 'not a token')).toThrow(/is not a URI/)
  })
})

describe('applyLockTokens', () => {
  test('source and destination tokens go into one If header, each tagged with its side', () => {
    const headers = new Headers()
    const destination = new URL('https://dav.example/files/alice/archive/a.txt')
    applyLockTokens(headers, base, [file, 'opaquelocktoken:src'], [destination, 'opaquelocktoken:dst'])
    expect(headers.get('if')).toBe(
      '<https://dav.example/files/alice/docs/a.txt> (<opaquelocktoken:src>) <https://dav.example/files/alice/archive/a.txt> (<opaquelocktoken:dst>)',
    )
  })

  test('no tokens, no header', () => {
    const headers = new Headers()
    applyLockTokens(headers, base, [file, undefined], [file, undefined])
    expect(headers.has('if')).toBe(false)
  })
})

describe('buildIfHeader', () => {
  test('entity tags and Not, and untagged lists mixed with tagged ones refused', () => {
    expect(
      buildIfHeader([
        {
          conditions: [
            { kind: 'etag', etag: '"x"' },
            { kind: 'token', token: 'urn:uuid:1', not: true },
          ],
        },
      ]),
    ).toBe('(["x"] Not <urn:uuid:1>)')
    expect(() =>
      buildIfHeader([
        { resource: file.href, conditions: [{ kind: 'etag', etag: '"x"' }] },
        { conditions: [{ kind: 'etag', etag: '"y"' }] },
      ]),
    ).toThrow(/all tagged or all untagged/)
  })
})
