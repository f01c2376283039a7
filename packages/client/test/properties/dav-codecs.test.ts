import type { CodecResult, PropertyCodec, XmlElement } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { davProps, formatEntityTag, iisIsCollection } from '../../src/properties/index.ts'
import { dav, element } from './elements.ts'

function decodeText<T>(codec: PropertyCodec<T>, text: string): CodecResult<T> {
  return codec.decode(dav(codec.name.local, text))
}

function valueOrProblem<T>(result: CodecResult<T>): T | string {
  return result.ok ? result.value : `problem: ${result.problem}`
}

describe('davProps', () => {
  it('names every codec DAV:<local>', () => {
    const names = Object.values(davProps).map((codec) => `${codec.name.namespace}${codec.name.local}`)
    expect(names).toEqual([
      'DAV:resourcetype',
      'DAV:displayname',
      'DAV:getcontentlength',
      'DAV:getcontenttype',
      'DAV:getcontentlanguage',
      'DAV:getetag',
      'DAV:getlastmodified',
      'DAV:creationdate',
      'DAV:lockdiscovery',
      'DAV:supportedlock',
      'DAV:quota-available-bytes',
      'DAV:quota-used-bytes',
      'DAV:current-user-principal',
      'DAV:sync-token',
    ])
  })

  it('makes exactly displayname, getcontenttype and getcontentlanguage writable', () => {
    const writable = Object.entries(davProps)
      .filter(([, codec]) => 'encode' in codec && typeof codec.encode === 'function')
      .map(([key]) => key)
    expect(writable.sort()).toEqual(['displayname', 'getcontentlanguage', 'getcontenttype'])
  })
})

describe('getcontentlength', () => {
  it.each([
    ['0', 0],
    ['6148', 6148],
    ['00123', 123],
    ['  230\n ', 230],
    ['5362978198', 5362978198],
    ['9007199254740991', 9007199254740991],
  ])('reads %j as %d', (text, expected) => {
    expect(valueOrProblem(decodeText(davProps.getcontentlength, text))).toBe(expected)
  })

  it.each(['', '   ', '12.5', '-1', 'abc', '1e3', '0x10', '12 34', '9007199254740992', 'Infinity'])('refuses %j', (text) => {
    const result = decodeText(davProps.getcontentlength, text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(/integer|empty/)
  })
})

describe('getetag', () => {
  it.each([
    ['"efd0257efbc898d059c200d1391af060"', false, 'efd0257efbc898d059c200d1391af060'],
    ['W/"226//trunk"', true, '226//trunk'],
    ['2920f985ebc6692632c7c3ab46b3919556239d37', false, '2920f985ebc6692632c7c3ab46b3919556239d37'],
    // `&quot;f48...&quot;` arrives here already decoded by the XML parser.
    ['"f48780e12fe315dd25882421c2e56c4f"', false, 'f48780e12fe315dd25882421c2e56c4f'],
    ['\n   "abc"  ', false, 'abc'],
    ['"2024-01-02T03:04:05.678Z"', false, '2024-01-02T03:04:05.678Z'],
    ['"https://example.com/etag?x=1"', false, 'https://example.com/etag?x=1'],
    ['""', false, ''],
    ['12345', false, '12345'],
    ['W/abc', true, 'abc'],
  ])('reads %j', (text, weak, value) => {
    expect(decodeText(davProps.getetag, text)).toEqual({ ok: true, value: { weak, value, raw: text } })
  })

  it.each(['', '  ', 'W/', '"abc', '"'])('refuses %j', (text) => {
    expect(decodeText(davProps.getetag, text).ok).toBe(false)
  })

  it('formats tags for conditional headers, quoting unquoted ones', () => {
    expect(formatEntityTag({ weak: false, value: 'abc' })).toBe('"abc"')
    expect(formatEntityTag({ weak: true, value: '226//trunk' })).toBe('W/"226//trunk"')
    const unquoted = decodeText(davProps.getetag, '2920f9')
    expect(unquoted.ok && formatEntityTag(unquoted.value)).toBe('"2920f9"')
  })
})

describe('getlastmodified and creationdate', () => {
  it('reads each as a Date', () => {
    const modified = decodeText(davProps.getlastmodified, 'Tue, 24 May 2011 09:06:50 GMT')
    const created = decodeText(davProps.creationdate, '2011-05-24T09:06:50.353563Z')
    expect(modified.ok && modified.value.toISOString()).toBe('2011-05-24T09:06:50.000Z')
    expect(created.ok && created.value.toISOString()).toBe('2011-05-24T09:06:50.353Z')
  })

  it('refuses an invalid date with the text in the message', () => {
    expect(decodeText(davProps.getlastmodified, 'Sun, 31 Feb 2011 09:06:50 GMT')).toEqual({
      ok: false,
      problem: '"Sun, 31 Feb 2011 09:06:50 GMT" is not a date',
    })
    expect(decodeText(davProps.creationdate, '').ok).toBe(false)
  })
})

describe('resourcetype', () => {
  it('reads a collection (Apache puts DAV: under another prefix; names are what count)', () => {
    const result = davProps.resourcetype.decode(dav('resourcetype', '\n     ', dav('collection'), '\n    '))
    expect(result).toEqual({ ok: true, value: { collection: true, types: [{ namespace: 'DAV:', local: 'collection' }] } })
  })

  it('reads an empty resourcetype as a non-collection', () => {
    expect(davProps.resourcetype.decode(dav('resourcetype'))).toEqual({ ok: true, value: { collection: false, types: [] } })
    expect(davProps.resourcetype.decode(dav('resourcetype', '  \n '))).toEqual({
      ok: true,
      value: { collection: false, types: [] },
    })
  })

  it('keeps every type, in order (CalDAV calendar, iCloud schedule-inbox)', () => {
    const caldav = 'urn:ietf:params:xml:ns:caldav'
    const result = davProps.resourcetype.decode(dav('resourcetype', dav('collection'), element(caldav, 'calendar')))
    expect(result).toEqual({
      ok: true,
      value: {
        collection: true,
        types: [
          { namespace: 'DAV:', local: 'collection' },
          { namespace: caldav, local: 'calendar' },
        ],
      },
    })
    const inbox = davProps.resourcetype.decode(dav('resourcetype', element(caldav, 'schedule-inbox')))
    expect(inbox.ok && inbox.value.collection).toBe(false)
  })

  it('does not take a collection element of another namespace for DAV:collection', () => {
    const result = davProps.resourcetype.decode(dav('resourcetype', element('urn:other', 'collection')))
    expect(result.ok && result.value.collection).toBe(false)
  })

  it('refuses text content', () => {
    const result = davProps.resourcetype.decode(dav('resourcetype', 'collection'))
    expect(result).toEqual({ ok: false, problem: 'resourcetype holds text "collection", expected only elements' })
  })
})

describe('iisIsCollection', () => {
  it.each([
    ['1', true],
    ['true', true],
    [' TRUE ', true],
    ['0', false],
    ['false', false],
  ])('reads %j', (text, expected) => {
    expect(valueOrProblem(decodeText(iisIsCollection, text))).toBe(expected)
  })

  it('refuses anything else', () => {
    expect(decodeText(iisIsCollection, 'yes').ok).toBe(false)
    expect(decodeText(iisIsCollection, '').ok).toBe(false)
  })
})

describe('text properties', () => {
  it('reads displayname, getcontenttype and getcontentlanguage verbatim', () => {
    expect(valueOrProblem(decodeText(davProps.displayname, ' Ma bibliothèque '))).toBe(' Ma bibliothèque ')
    expect(valueOrProblem(decodeText(davProps.getcontenttype, 'text/xml; charset="utf-8"'))).toBe('text/xml; charset="utf-8"')
    expect(valueOrProblem(decodeText(davProps.getcontentlanguage, ''))).toBe('')
    expect(valueOrProblem(decodeText(davProps.displayname, '2024.10'))).toBe('2024.10')
  })

  it('encodes a text value as one text node, and the empty string as no children', () => {
    expect(davProps.displayname.encode('Budget 2024.10')).toEqual([{ kind: 'text', text: 'Budget 2024.10' }])
    expect(davProps.getcontentlanguage.encode('')).toEqual([])
  })

  it('round-trips through encode and decode', () => {
    const written: XmlElement = { ...dav('getcontenttype'), children: davProps.getcontenttype.encode('text/plain') }
    expect(valueOrProblem(davProps.getcontenttype.decode(written))).toBe('text/plain')
  })
})

describe('quota', () => {
  it.each([
    ['5362978198', { kind: 'bytes', bytes: 5362978198 }],
    ['0', { kind: 'bytes', bytes: 0 }],
    ['-3', { kind: 'unlimited', code: -3 }],
    ['-2', { kind: 'unknown', code: -2 }],
    ['-1', { kind: 'unknown', code: -1 }],
  ])('reads quota-available-bytes %j', (text, expected) => {
    expect(valueOrProblem(decodeText(davProps.quotaAvailableBytes, text))).toEqual(expected)
  })

  it('reads quota-used-bytes the same way', () => {
    expect(valueOrProblem(decodeText(davProps.quotaUsedBytes, '100000'))).toEqual({ kind: 'bytes', bytes: 100000 })
  })

  it.each(['', '1.5', 'unlimited', '99999999999999999999'])('refuses %j', (text) => {
    expect(decodeText(davProps.quotaAvailableBytes, text).ok).toBe(false)
  })
})

describe('current-user-principal', () => {
  it('reads an href, trimmed (iCloud repeats xmlns="DAV:" on every element; names are what count)', () => {
    const result = davProps.currentUserPrincipal.decode(
      dav('current-user-principal', '\n  ', dav('href', '\n /7254855/principal/ \n'), '\n'),
    )
    expect(result).toEqual({ ok: true, value: { kind: 'href', href: '/7254855/principal/' } })
  })

  it('reads unauthenticated', () => {
    expect(davProps.currentUserPrincipal.decode(dav('current-user-principal', dav('unauthenticated')))).toEqual({
      ok: true,
      value: { kind: 'unauthenticated' },
    })
  })

  it.each([
    ['empty', dav('current-user-principal')],
    ['an empty href', dav('current-user-principal', dav('href', '  '))],
    ['another element', dav('current-user-principal', element('urn:x', 'href', '/p/'))],
  ])('refuses %s', (_, property) => {
    expect(davProps.currentUserPrincipal.decode(property).ok).toBe(false)
  })
})

describe('sync-token', () => {
  it('reads the token URI, trimmed', () => {
    expect(valueOrProblem(decodeText(davProps.syncToken, ' data:,36\n'))).toBe('data:,36')
    expect(valueOrProblem(decodeText(davProps.syncToken, 'HwoQEgwAAAh4+vOXAAAAAA=='))).toBe('HwoQEgwAAAh4+vOXAAAAAA==')
  })

  it('refuses an empty token', () => {
    expect(decodeText(davProps.syncToken, '  ').ok).toBe(false)
  })
})
