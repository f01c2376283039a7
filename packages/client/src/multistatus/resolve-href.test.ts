import { describe, expect, it } from 'vitest'
import { createHrefResolver, decodePath, resolveHref } from './resolve-href.ts'

const base = 'https://dav.example.com/remote.php/dav/files/alice/'

describe('resolveHref', () => {
  it('resolves an absolute path against the request URL', () => {
    expect(resolveHref('/remote.php/dav/files/alice/a.txt', base)).toEqual({
      raw: '/remote.php/dav/files/alice/a.txt',
      url: 'https://dav.example.com/remote.php/dav/files/alice/a.txt',
      path: '/remote.php/dav/files/alice/a.txt',
    })
  })

  it('resolves a relative href against the request URL', () => {
    expect(resolveHref('sub/b.txt', base).url).toBe('https://dav.example.com/remote.php/dav/files/alice/sub/b.txt')
  })

  it('keeps absolute hrefs from another host (IIS, SharePoint, iCloud)', () => {
    const href = resolveHref('https://p42-caldav.icloud.com:443/1234/calendars/home/', base)
    expect(href.url).toBe('https://p42-caldav.icloud.com/1234/calendars/home/')
    expect(href.path).toBe('/1234/calendars/home/')
  })

  it('decodes valid UTF-8 escapes in the path', () => {
    const href = resolveHref('/dav/Ma%20biblioth%C3%A8que/%5bx%5D', base)
    expect(href.path).toBe('/dav/Ma bibliothèque/[x]')
    expect(href.url).toBe('https://dav.example.com/dav/Ma%20biblioth%C3%A8que/%5bx%5D')
  })

  it('keeps a lone % and invalid escapes as they were', () => {
    const href = resolveHref('/dav/100% sure/%zz/%C3/%E2%82%AC', base)
    expect(href.raw).toBe('/dav/100% sure/%zz/%C3/%E2%82%AC')
    expect(href.path).toBe('/dav/100% sure/%zz/%C3/€')
    expect(href.url).toBe('https://dav.example.com/dav/100%25%20sure/%25zz/%C3/%E2%82%AC')
  })

  it('treats # and ? in an href as data, not a fragment or query', () => {
    const href = resolveHref('/dav/notes #1?.txt', base)
    expect(href.url).toBe('https://dav.example.com/dav/notes%20%231%3F.txt')
    expect(href.path).toBe('/dav/notes #1?.txt')
  })

  it('treats # and ? as data in absolute hrefs too', () => {
    const href = resolveHref('http://host:8080/Shared Documents/a#b?.docx', base)
    expect(href.url).toBe('http://host:8080/Shared%20Documents/a%23b%3F.docx')
    expect(href.path).toBe('/Shared Documents/a#b?.docx')
  })

  it('keeps non-ASCII characters sent unencoded', () => {
    expect(resolveHref('/dav/café/日本.txt', base).path).toBe('/dav/café/日本.txt')
  })

  it('does not decode twice: the raw text is what XML decoded', () => {
    // `&amp;#38;` in XML is `&#38;` here: it must stay literal text.
    const href = resolveHref('/dav/a&#38;b', base)
    expect(href.path).toBe('/dav/a&#38;b')
  })

  it('keeps a %25 as a literal percent sign after one decoding', () => {
    expect(resolveHref('/dav/100%2525', base).path).toBe('/dav/100%25')
  })

  it('trims whitespace around a pretty-printed href but keeps the raw text', () => {
    const href = resolveHref('\n    /dav/a.txt\n  ', base)
    expect(href.raw).toBe('\n    /dav/a.txt\n  ')
    expect(href.url).toBe('https://dav.example.com/dav/a.txt')
  })

  it('has no URL without a request URL, but still a path', () => {
    expect(resolveHref('/dav/a%20b#c', undefined)).toEqual({ raw: '/dav/a%20b#c', url: undefined, path: '/dav/a b#c' })
  })

  it('keeps a non-HTTP URI such as mailto:', () => {
    const href = resolveHref('mailto:alice@example.com', base)
    expect(href.url).toBe('mailto:alice@example.com')
    expect(href.path).toBe('alice@example.com')
  })

  it('never throws, even for an unparsable absolute URL', () => {
    const href = resolveHref('http://[broken/dav/x', base)
    expect(href.url).toBeUndefined()
    expect(href.raw).toBe('http://[broken/dav/x')
  })

  it('never throws on a lone surrogate', () => {
    expect(() => resolveHref('/dav/\uD800x', base)).not.toThrow()
  })

  it('drops credentials of the request URL from resolved URLs', () => {
    const href = resolveHref('/dav/a', 'https://alice:s3cret@dav.example.com/dav/')
    expect(href.url).toBe('https://dav.example.com/dav/a')
  })

  it('resolves a whole listing with one resolver', () => {
    const resolve = createHrefResolver(new URL(base))
    expect(resolve('x').url).toBe(`${base}x`)
    expect(resolve('/y').url).toBe('https://dav.example.com/y')
  })
})

describe('decodePath', () => {
  it.each([
    ['/plain', '/plain'],
    ['/a%20b', '/a b'],
    ['/%', '/%'],
    ['/%zz%20', '/%zz '],
    ['/%C3%A9%FF%C3%A9', '/é%FFé'],
    ['/%ED%A0%80', '/%ED%A0%80'],
    ['/%F0%9F%98%80', '/😀'],
    ['/%C0%AF', '/%C0%AF'],
  ])('decodes %j best-effort', (input, expected) => {
    expect(decodePath(input)).toBe(expected)
  })
})

describe('resolveHref: the plain-path fast path agrees with the URL parser', () => {
  it.each([
    '/dav/a.txt',
    '/dav/a%20b/%C3%A9/',
    '/dav/x;y=1/@me:here/~t/',
    "/dav/it's(1)+!$&*,=.txt",
    '/dav/./a/../b',
    '/dav/%2e%2E/c',
    '/dav/.hidden/..file',
    '//other.example.com/x',
    '/',
  ])('%s', (href) => {
    const resolved = resolveHref(href, 'https://dav.example.com:8443/dav/')
    expect(resolved.url).toBe(new URL(href.replace(/\?/g, '%3F').replace(/#/g, '%23'), 'https://dav.example.com:8443/dav/').href)
  })
})
