import { describe, expect, test } from 'vitest'
import { REDACTED, isSensitiveHeader, redactHeaders, redactUrl } from './redact.ts'

describe('redaction', () => {
  test('credential headers are redacted, lock tokens and ordinary headers are kept', () => {
    const headers = new Headers({
      Authorization: 'Basic YWxpY2U6c2VjcmV0',
      'Proxy-Authorization': 'Bearer x',
      Cookie: 'sid=1',
      'X-Auth-Token': 'abc',
      'X-Api-Key': 'k',
      Depth: '1',
      'Lock-Token': '<opaquelocktoken:1>',
      If: '(<opaquelocktoken:1>)',
    })
    const out = redactHeaders(headers)
    expect(out['authorization']).toBe(REDACTED)
    expect(out['proxy-authorization']).toBe(REDACTED)
    expect(out['cookie']).toBe(REDACTED)
    expect(out['x-auth-token']).toBe(REDACTED)
    expect(out['x-api-key']).toBe(REDACTED)
    expect(out['depth']).toBe('1')
    expect(out['lock-token']).toBe('<opaquelocktoken:1>')
    expect(out['if']).toBe('(<opaquelocktoken:1>)')
    expect(JSON.stringify(out)).not.toContain('YWxpY2U6c2VjcmV0')
    expect(isSensitiveHeader('WWW-Authenticate')).toBe(false)
    expect(isSensitiveHeader('Set-Cookie')).toBe(true)
  })

  test('userinfo and token-like query parameters are removed from URLs', () => {
    const url = redactUrl('https://alice:secret@h.example/dav/a%20b?access_token=t0k&x=1&sig=s&api_key=k')
    expect(url).not.toContain('secret')
    expect(url).not.toContain('t0k')
    expect(url).not.toMatch(/sig=s(&|$)/)
    expect(url).not.toContain('api_key=k')
    expect(url).toContain('x=1')
    expect(url).toContain('/dav/a%20b')
    expect(redactUrl('//alice:secret@bad host')).not.toContain('secret')
  })

  test('relative Location values keep their form but lose credential query parameters', () => {
    const out = redactHeaders(
      new Headers({
        Location: '/dav/obj?X-Amz-Signature=SIG999&x=1#frag',
        'Content-Location': '//u:pw12345@h.example/b?access_token=TOK777',
      }),
    )
    expect(out['location']).toBe('/dav/obj?X-Amz-Signature=%5BREDACTED%5D&x=1#frag')
    expect(out['content-location']).toBe('//h.example/b?access_token=%5BREDACTED%5D')
    expect(redactHeaders(new Headers({ Location: 'next/page' }))['location']).toBe('next/page')
  })
})
