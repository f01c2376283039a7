import type { RawProperty } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { decodeMultiStatus } from '../../src/multistatus/decode-multistatus.ts'
import {
  davProps,
  decodeProperties,
  decodeProperty,
  findProperty,
  hrefProperty,
  hrefsProperty,
  textProperty,
} from '../../src/properties/index.ts'

// Real-server shapes written as XML and run through the multistatus decoder, so the codecs see
// exactly the trees it builds (prefixes resolved, entities decoded, whitespace kept).

function properties(props: string, namespaces = 'xmlns:D="DAV:"', status = 'HTTP/1.1 200 OK'): readonly RawProperty[] {
  const body = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus ${namespaces}><D:response><D:href>/r</D:href>
  <D:propstat><D:prop>${props}</D:prop><D:status>${status}</D:status></D:propstat>
</D:response></D:multistatus>`
  const [response] = decodeMultiStatus(body, { requestUrl: 'https://dav.example/' }).responses
  if (response?.kind !== 'propstat') throw new Error('expected a propstat response')
  return response.properties
}

describe('codecs on decoded XML', () => {
  it('reads a &quot;-escaped etag (npm webdav-server, ownCloud) once decoded by XML', () => {
    const props = decodeProperties(davProps, properties('<D:getetag>&quot;f48780e12fe315dd25882421c2e56c4f&quot;</D:getetag>'))
    expect(props.getetag).toMatchObject({
      kind: 'value',
      value: { weak: false, value: 'f48780e12fe315dd25882421c2e56c4f', raw: '"f48780e12fe315dd25882421c2e56c4f"' },
    })
  })

  it('reads DAV: properties under any prefix (Apache lp1:, Exchange a:, default namespace)', () => {
    const apache = properties(
      '<lp1:resourcetype><D:collection/></lp1:resourcetype><lp1:getetag>W/"226//trunk"</lp1:getetag>',
      'xmlns:D="DAV:" xmlns:lp1="DAV:"',
    )
    expect(decodeProperties({ type: davProps.resourcetype, etag: davProps.getetag }, apache)).toMatchObject({
      type: { kind: 'value', value: { collection: true } },
      etag: { kind: 'value', value: { weak: true, value: '226//trunk' } },
    })
    const iCloud = properties('<current-user-principal xmlns="DAV:"><href xmlns="DAV:">/7254855/principal/</href></current-user-principal>')
    expect(decodeProperty(davProps.currentUserPrincipal, findProperty(iCloud, davProps.currentUserPrincipal.name))).toMatchObject({
      kind: 'value',
      value: { kind: 'href', href: '/7254855/principal/' },
    })
  })

  it('follows prefix rebinding (Zope binds n: to DAV: on the propstat)', () => {
    const zope = properties(
      `<n:supportedlock xmlns:n="DAV:"><n:lockentry><D:lockscope><D:exclusive/></D:lockscope>
        <D:locktype><D:write/></D:locktype></n:lockentry></n:supportedlock><n:lockdiscovery xmlns:n="DAV:"></n:lockdiscovery>`,
    )
    expect(decodeProperties({ supported: davProps.supportedlock, locks: davProps.lockdiscovery }, zope)).toMatchObject({
      supported: { kind: 'value', value: [{ scope: 'exclusive', type: 'write' }] },
      locks: { kind: 'value', value: [] },
    })
  })

  it('does not take a property of another namespace with the same prefix for a DAV: one (DAViCal binds D: elsewhere)', () => {
    const bogus = properties(
      '<D:getetag xmlns:D="urn:mcmillan:bogus:xml:ns:davical">"not-dav"</D:getetag><getetag xmlns="DAV:">"dav"</getetag>',
    )
    expect(decodeProperty(davProps.getetag, findProperty(bogus, davProps.getetag.name))).toMatchObject({
      kind: 'value',
      value: { value: 'dav' },
    })
    const other = textProperty('urn:mcmillan:bogus:xml:ns:davical', 'getetag')
    expect(decodeProperty(other, findProperty(bogus, other.name))).toMatchObject({ kind: 'value', value: '"not-dav"' })
  })

  it('keeps character references and CDATA in text values verbatim', () => {
    const props = decodeProperties(
      davProps,
      properties(
        '<D:displayname>R&amp;D &#x1F4C1; <![CDATA[<draft>]]></D:displayname><D:getcontenttype>text/xml; charset="utf-8"</D:getcontenttype>',
      ),
    )
    expect(props.displayname).toMatchObject({ kind: 'value', value: 'R&D 📁 <draft>' })
    expect(props.getcontenttype).toMatchObject({ kind: 'value', value: 'text/xml; charset="utf-8"' })
  })

  it('reads a full lockdiscovery as Apache mod_dav writes it', () => {
    const apache = properties(`<D:lockdiscovery>
<D:activelock>
<D:locktype><D:write/></D:locktype>
<D:lockscope><D:exclusive/></D:lockscope>
<D:depth>infinity</D:depth>
<ns0:owner xmlns:ns0="DAV:"><ns0:href>mailto:user@example.com</ns0:href></ns0:owner>
<D:timeout>Second-3600</D:timeout>
<D:locktoken><D:href>opaquelocktoken:2d5a8b7e-1f3a-4e7c-9d1b-6b0c1e2f3a4b</D:href></D:locktoken>
<D:lockroot><D:href>/dav/folder/</D:href></D:lockroot>
</D:activelock>
</D:lockdiscovery>`)
    const result = decodeProperty(davProps.lockdiscovery, findProperty(apache, davProps.lockdiscovery.name))
    expect(result.kind).toBe('value')
    if (result.kind !== 'value') return
    expect(result.value).toEqual([
      {
        scope: 'exclusive',
        type: 'write',
        depth: 'infinity',
        owner: { element: expect.objectContaining({ name: { namespace: 'DAV:', local: 'owner' } }), text: 'mailto:user@example.com' },
        timeout: { kind: 'seconds', seconds: 3600 },
        token: 'opaquelocktoken:2d5a8b7e-1f3a-4e7c-9d1b-6b0c1e2f3a4b',
        root: '/dav/folder/',
      },
    ])
  })

  it('reports an empty getcontentlength of a 200 propstat as invalid, keeping the element', () => {
    const dcache = properties('<D:getcontentlength/><D:getcontenttype>text/html</D:getcontenttype>', 'xmlns:D="DAV:"', 'HTTP/1.1 200')
    const props = decodeProperties({ length: davProps.getcontentlength, type: davProps.getcontenttype }, dcache)
    expect(props.length).toMatchObject({
      kind: 'invalid',
      status: { code: 200, reason: undefined },
      problem: 'empty value, expected an integer',
      element: { name: { namespace: 'DAV:', local: 'getcontentlength' } },
    })
    expect(props.type).toMatchObject({ kind: 'value', value: 'text/html' })
  })

  it('passes a 404 propstat through as failed (nginx, DAViCal)', () => {
    const missing = properties('<D:getetag/><D:lockdiscovery/>', 'xmlns:D="DAV:"', 'HTTP/1.1 404 Not Found')
    expect(
      decodeProperties({ etag: davProps.getetag, locks: davProps.lockdiscovery, quota: davProps.quotaUsedBytes }, missing),
    ).toMatchObject({
      etag: { kind: 'failed', status: { code: 404 } },
      locks: { kind: 'failed', status: { code: 404 } },
      quota: { kind: 'missing' },
    })
  })
})

describe('href properties on decoded XML', () => {
  const caldav = 'urn:ietf:params:xml:ns:caldav'
  const homeSet = hrefsProperty(caldav, 'calendar-home-set')
  const addresses = hrefsProperty(caldav, 'calendar-user-address-set')
  const principal = hrefProperty('DAV:', 'principal-URL')

  it('reads an absolute href on another host, trimmed (iCloud calendar-home-set)', () => {
    const iCloud = properties(`<calendar-home-set xmlns="urn:ietf:params:xml:ns:caldav">
          <href xmlns="DAV:">https://p62-caldav.icloud.com:443/17149682/calendars/</href>
        </calendar-home-set>`)
    expect(decodeProperty(homeSet, findProperty(iCloud, homeSet.name))).toMatchObject({
      kind: 'value',
      value: ['https://p62-caldav.icloud.com:443/17149682/calendars/'],
    })
  })

  it('reads non-HTTP hrefs in order (Cyrus calendar-user-address-set)', () => {
    const cyrus = properties(
      `<C:calendar-user-address-set><D:href>mailto:cassandane@defdomain</D:href>
        <D:href>/dav/principals/user/cassandane/</D:href></C:calendar-user-address-set>`,
      `xmlns:D="DAV:" xmlns:C="${caldav}"`,
    )
    expect(decodeProperty(addresses, findProperty(cyrus, addresses.name))).toMatchObject({
      kind: 'value',
      value: ['mailto:cassandane@defdomain', '/dav/principals/user/cassandane/'],
    })
  })

  it('reads exactly one href for a single-href property, and refuses none or two', () => {
    const one = properties('<D:principal-URL><D:href>/principals/me/</D:href></D:principal-URL>')
    expect(decodeProperty(principal, findProperty(one, principal.name))).toMatchObject({ kind: 'value', value: '/principals/me/' })
    const none = properties('<D:principal-URL/>')
    expect(decodeProperty(principal, findProperty(none, principal.name))).toMatchObject({
      kind: 'invalid',
      problem: 'principal-URL holds no href',
    })
    const two = properties('<D:principal-URL><D:href>/a/</D:href><D:href>/b/</D:href></D:principal-URL>')
    expect(decodeProperty(principal, findProperty(two, principal.name))).toMatchObject({
      kind: 'invalid',
      problem: 'principal-URL holds 2 hrefs, expected one',
    })
  })

  it('refuses text or foreign elements beside the hrefs, and an empty href', () => {
    const text = properties(`<C:calendar-home-set xmlns:C="${caldav}">/cal/</C:calendar-home-set>`)
    expect(decodeProperty(homeSet, findProperty(text, homeSet.name))).toMatchObject({
      kind: 'invalid',
      problem: 'calendar-home-set holds text "/cal/", expected DAV:href elements',
    })
    const foreign = properties(`<C:calendar-home-set xmlns:C="${caldav}"><C:href>/cal/</C:href></C:calendar-home-set>`)
    expect(decodeProperty(homeSet, findProperty(foreign, homeSet.name))).toMatchObject({
      kind: 'invalid',
      problem: `calendar-home-set holds {${caldav}}href, expected DAV:href`,
    })
    const empty = properties(`<C:calendar-home-set xmlns:C="${caldav}"><D:href> </D:href></C:calendar-home-set>`)
    expect(decodeProperty(homeSet, findProperty(empty, homeSet.name))).toMatchObject({ kind: 'invalid' })
  })

  it('writes DAV:href elements back', () => {
    expect(homeSet.encode(['/a/', '/b/'])).toEqual([
      { kind: 'element', name: { namespace: 'DAV:', local: 'href' }, attributes: [], children: [{ kind: 'text', text: '/a/' }] },
      { kind: 'element', name: { namespace: 'DAV:', local: 'href' }, attributes: [], children: [{ kind: 'text', text: '/b/' }] },
    ])
    expect(homeSet.encode([])).toEqual([])
  })
})
