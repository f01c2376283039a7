import type {
  DecodeFailure,
  MalformedResponse,
  MultiStatus,
  MultiStatusResponse,
  PropstatResponse,
  RawProperty,
  StatusResponse,
  XmlElement,
} from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../errors/decode-error.ts'
import { parseXmlDocument } from '../xml/parse-xml-document.ts'
import { decodeMultiStatus, type DecodeMultiStatusOptions } from './decode-multistatus.ts'

const requestUrl = 'https://dav.example.com/dav/'

function decode(body: string, options: DecodeMultiStatusOptions = {}): MultiStatus {
  return decodeMultiStatus(body, { requestUrl, ...options })
}

function failureOf(body: string | Uint8Array, options: DecodeMultiStatusOptions = {}): DecodeFailure {
  try {
    decodeMultiStatus(body, options)
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError)
    expect((error as DecodeError).code).toBe('decode')
    return (error as DecodeError).failure
  }
  throw new Error('expected a DecodeError')
}

function only(multistatus: MultiStatus): MultiStatusResponse {
  expect(multistatus.responses).toHaveLength(1)
  return multistatus.responses[0] as MultiStatusResponse
}

function propstat(response: MultiStatusResponse): PropstatResponse {
  if (response.kind !== 'propstat') throw new Error(`expected a propstat response, got ${response.kind}`)
  return response
}

function status(response: MultiStatusResponse): StatusResponse {
  if (response.kind !== 'status') throw new Error(`expected a status response, got ${response.kind}`)
  return response
}

function malformed(response: MultiStatusResponse): MalformedResponse {
  if (response.kind !== 'malformed') throw new Error(`expected a malformed response, got ${response.kind}`)
  return response
}

function property(response: PropstatResponse, namespace: string, local: string): RawProperty {
  const found = response.properties.find((p) => p.name.namespace === namespace && p.name.local === local)
  if (found === undefined) throw new Error(`no property {${namespace}}${local}`)
  return found
}

// The tree as a multistatus keeps it: whitespace directly inside a response, propstat or prop is layout.
function withoutLayout(element: XmlElement): XmlElement {
  const structure = element.name.namespace === 'DAV:' && ['response', 'propstat', 'prop'].includes(element.name.local)
  const children = element.children
    .filter((child) => !(structure && child.kind === 'text' && child.text.trim() === ''))
    .map((child) => (child.kind === 'element' ? withoutLayout(child) : child))
  return { ...element, children }
}

function valueText(raw: RawProperty): string {
  if (raw.kind !== 'value') throw new Error(`expected a value, got ${raw.kind}`)
  return raw.text
}

const OK = '<D:status>HTTP/1.1 200 OK</D:status>'

describe('decodeMultiStatus: namespaces (rule 1)', () => {
  it('identifies elements by namespace, whatever the prefix', () => {
    for (const prefix of ['D', 'd', 'a', 'ns0', 'lp1']) {
      const body = `<${prefix}:multistatus xmlns:${prefix}="DAV:"><${prefix}:response><${prefix}:href>/dav/x</${prefix}:href><${prefix}:propstat><${prefix}:prop><${prefix}:getetag>"1"</${prefix}:getetag></${prefix}:prop><${prefix}:status>HTTP/1.1 200 OK</${prefix}:status></${prefix}:propstat></${prefix}:response></${prefix}:multistatus>`
      expect(valueText(property(propstat(only(decode(body))), 'DAV:', 'getetag'))).toBe('"1"')
    }
  })

  it('handles a default DAV: namespace and properties in their own default namespace', () => {
    const body = `<multistatus xmlns="DAV:"><response><href>/dav/cal/</href><propstat><prop>
      <displayname>Home</displayname><calendar-color xmlns="http://apple.com/ns/ical/">#FF0000</calendar-color>
    </prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`
    const response = propstat(only(decode(body)))
    expect(valueText(property(response, 'DAV:', 'displayname'))).toBe('Home')
    expect(valueText(property(response, 'http://apple.com/ns/ical/', 'calendar-color'))).toBe('#FF0000')
  })

  it('follows a prefix rebound per response and per propstat', () => {
    const body = `<d:multistatus xmlns:d="DAV:" xmlns:n="urn:first">
      <d:response xmlns:n="DAV:"><n:href>/dav/a</n:href><n:propstat><n:prop><n:getetag>a</n:getetag></n:prop><n:status>HTTP/1.1 200 OK</n:status></n:propstat></d:response>
      <d:response><d:href>/dav/b</d:href>
        <d:propstat xmlns:n="urn:zope"><d:prop><n:title>b</n:title></d:prop>${OK.replace(/D:/g, 'd:')}</d:propstat>
        <d:propstat xmlns:n="DAV:"><d:prop><n:getetag>b</n:getetag></d:prop>${OK.replace(/D:/g, 'd:')}</d:propstat>
      </d:response>
    </d:multistatus>`
    const [first, second] = decode(body).responses.map(propstat)
    expect(first?.href.raw).toBe('/dav/a')
    expect(valueText(property(first as PropstatResponse, 'DAV:', 'getetag'))).toBe('a')
    expect(second?.properties.map((p) => p.name)).toEqual([
      { namespace: 'urn:zope', local: 'title' },
      { namespace: 'DAV:', local: 'getetag' },
    ])
  })

  it('keeps a property in no namespace and tells apart the same local name in two namespaces', () => {
    const body = `<D:multistatus xmlns:D="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><D:response><D:href>/x</D:href>
      <D:propstat><D:prop><oc:size>10</oc:size><nc:size>20</nc:size><D:size>30</D:size></D:prop>${OK}</D:propstat>
      <D:propstat><D:prop><mode xmlns=""/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
    </D:response></D:multistatus>`
    const response = propstat(only(decode(body)))
    expect(valueText(property(response, 'http://owncloud.org/ns', 'size'))).toBe('10')
    expect(valueText(property(response, 'http://nextcloud.org/ns', 'size'))).toBe('20')
    expect(valueText(property(response, 'DAV:', 'size'))).toBe('30')
    expect(property(response, '', 'mode').kind).toBe('failed')
  })

  it('does not take an element of another namespace for a DAV: one', () => {
    const body = `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:x"><X:response><D:href>/x</D:href>${OK}</X:response><D:response><D:href>/y</D:href>${OK}</D:response></D:multistatus>`
    expect(status(only(decode(body))).hrefs[0].raw).toBe('/y')
  })

  it('fails with malformed-xml on an undeclared prefix', () => {
    const body = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/x</d:href><d:propstat><d:prop>\n<nc:x/></d:prop>${OK.replace(/D:/g, 'd:')}</d:propstat></d:response></d:multistatus>`
    expect(failureOf(body)).toMatchObject({ code: 'malformed-xml', line: 2, column: 1 })
  })
})

describe('decodeMultiStatus: response forms (rule 2)', () => {
  it('decodes href+ status: several hrefs sharing one status', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/a</D:href><D:href>/dav/b</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>`
    const response = status(only(decode(body)))
    expect(response.hrefs.map((href) => href.url)).toEqual(['https://dav.example.com/dav/a', 'https://dav.example.com/dav/b'])
    expect(response.status).toMatchObject({ kind: 'status', code: 423, class: 'client-error', reason: 'Locked' })
  })

  it('decodes several propstats in any order, status before or after prop', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/f</D:href>
      <D:propstat><D:status>HTTP/1.1 404 Not Found</D:status><D:prop><D:quota-used-bytes/></D:prop></D:propstat>
      <D:propstat><D:prop><D:getcontentlength>12</D:getcontentlength><D:getetag>"e"</D:getetag></D:prop>${OK}</D:propstat>
    </D:response></D:multistatus>`
    const response = propstat(only(decode(body)))
    expect(response.propstats.map((p) => p.status.kind === 'status' && p.status.code)).toEqual([404, 200])
    expect(response.propstats.map((p) => p.properties.map((e) => e.name.local))).toEqual([
      ['quota-used-bytes'],
      ['getcontentlength', 'getetag'],
    ])
    expect(response.properties.map((p) => [p.kind, p.name.local])).toEqual([
      ['failed', 'quota-used-bytes'],
      ['value', 'getcontentlength'],
      ['value', 'getetag'],
    ])
    expect(valueText(property(response, 'DAV:', 'getcontentlength'))).toBe('12')
  })

  it('decodes error and responsedescription at every level, and the propstat ones on failed properties', () => {
    const body = `<D:multistatus xmlns:D="DAV:" xmlns:S="http://sabredav.org/ns"><D:response><D:href>/dav/f</D:href>
      <D:propstat><D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 409 Conflict</D:status>
        <D:error><D:cannot-modify-protected-property/></D:error><D:responsedescription>read only</D:responsedescription></D:propstat>
      <D:propstat><D:prop><S:color/></D:prop><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>
      <D:error><S:exception>Sabre\\DAV\\Exception</S:exception></D:error>
      <D:responsedescription>partly refused</D:responsedescription>
    </D:response><D:responsedescription>overall</D:responsedescription></D:multistatus>`
    const multistatus = decode(body)
    expect(multistatus.description).toBe('overall')
    const response = propstat(only(multistatus))
    expect(response.description).toBe('partly refused')
    expect(response.error?.conditions.map((c) => c.name)).toEqual([{ namespace: 'http://sabredav.org/ns', local: 'exception' }])
    const displayname = property(response, 'DAV:', 'displayname')
    expect(displayname).toMatchObject({ kind: 'failed', description: 'read only', status: { code: 409 } })
    expect(displayname.kind === 'failed' && displayname.error?.conditions[0]?.name).toEqual({
      namespace: 'DAV:',
      local: 'cannot-modify-protected-property',
    })
    expect(property(response, 'http://sabredav.org/ns', 'color')).toMatchObject({
      kind: 'failed',
      error: undefined,
      description: undefined,
      status: { code: 424 },
    })
  })

  it('decodes the hrefs inside an error condition', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/locked/a</D:href><D:status>HTTP/1.1 423 Locked</D:status>
      <D:error><D:lock-token-submitted><D:href>/dav/locked/</D:href><D:href> /dav/other/ </D:href></D:lock-token-submitted></D:error></D:response></D:multistatus>`
    const response = status(only(decode(body)))
    expect(response.error?.conditions[0]?.hrefs).toEqual(['/dav/locked/', '/dav/other/'])
  })

  it('decodes location of a 3xx response', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/old</D:href><D:status>HTTP/1.1 301 Moved Permanently</D:status>
      <D:location><D:href>http://other.example.com/dav/new</D:href></D:location></D:response></D:multistatus>`
    const response = status(only(decode(body)))
    expect(response.status).toMatchObject({ code: 301, class: 'redirection' })
    expect(response.location?.url).toBe('http://other.example.com/dav/new')
  })

  it('decodes the sync-token of the root', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:sync-token>http://example.com/sync/1234+ab==</D:sync-token></D:multistatus>`
    expect(decode(body)).toEqual({ responses: [], description: undefined, syncToken: 'http://example.com/sync/1234+ab==' })
  })

  it.each([
    ['no-href', `<D:response>${OK}</D:response>`, 0],
    ['no-status-or-propstat', '<D:response><D:href>/a</D:href></D:response>', 1],
    ['status-and-propstat', `<D:response><D:href>/a</D:href>${OK}<D:propstat><D:prop><D:x/></D:prop>${OK}</D:propstat></D:response>`, 1],
    [
      'several-hrefs-with-propstat',
      `<D:response><D:href>/a</D:href><D:href>/b</D:href><D:propstat><D:prop><D:x/></D:prop>${OK}</D:propstat></D:response>`,
      2,
    ],
  ])('keeps a response that fits neither form as malformed: %s', (problem, response, hrefs) => {
    const body = `<D:multistatus xmlns:D="DAV:">${response}<D:response><D:href>/ok</D:href>${OK}</D:response></D:multistatus>`
    const multistatus = decode(body)
    expect(multistatus.responses).toHaveLength(2)
    const bad = malformed(multistatus.responses[0] as MultiStatusResponse)
    expect(bad.problem).toBe(problem)
    expect(bad.hrefs).toHaveLength(hrefs)
    expect(bad.element.name).toEqual({ namespace: 'DAV:', local: 'response' })
    expect(multistatus.responses[1]?.kind).toBe('status')
  })

  it('gives a malformed response its whole element, as the document holds it without layout whitespace', () => {
    const response =
      '<D:response xmlns:X="urn:x" a="1" xml:lang="fr">\n  <X:note>n<!-- c -->m</X:note>\n  stray <![CDATA[text]]> end\n' +
      `  <D:propstat b="2">\n    <D:prop>\n      <D:getetag>"e"</D:getetag>\n      <X:p xml:lang="de"><X:q/> t </X:p>\n    </D:prop>\n    ${OK}\n    <D:error><D:lock-token-submitted/></D:error>\n  </D:propstat>\n` +
      '  <D:propstat/>\n  <D:prop><D:x/></D:prop>\n</D:response>'
    const body = `<D:multistatus xmlns:D="DAV:">\n${response}\n</D:multistatus>`
    const bad = malformed(only(decode(body)))
    expect(bad.problem).toBe('no-href')
    const whole = parseXmlDocument(body).children.find((child) => child.kind === 'element')
    expect(bad.element).toEqual(withoutLayout(whole as XmlElement))
  })

  it.each([
    ['no href', `<D:response><D:propstat><D:prop><D:x>1</D:x></D:prop>${OK}</D:propstat></D:response>`],
    ['status and propstat', `<D:response><D:href>/a</D:href>${OK}<D:propstat><D:prop/>${OK}</D:propstat></D:response>`],
    ['neither', '<D:response><D:href>/a</D:href></D:response>'],
  ])('builds the element of a malformed response (%s) from its own parts, not the previous response', (_, response) => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/ok</D:href><D:propstat><D:prop><D:y>2</D:y></D:prop>${OK}</D:propstat></D:response>${response}</D:multistatus>`
    const responses = decode(body).responses
    expect(responses[0]?.kind).toBe('propstat')
    const whole = parseXmlDocument(body).children.filter((child) => child.kind === 'element')[1]
    expect(malformed(responses[1] as MultiStatusResponse).element).toEqual(withoutLayout(whole as XmlElement))
  })

  it('ignores unknown elements everywhere', () => {
    const body = `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:x"><X:stats>1</X:stats><D:unknown/><D:response><X:extra/><D:href>/a</D:href>
      <D:propstat><X:note>n</X:note><D:prop><D:getetag>e</D:getetag></D:prop>${OK}</D:propstat></D:response></D:multistatus>`
    const response = propstat(only(decode(body)))
    expect(response.properties.map((p) => p.name.local)).toEqual(['getetag'])
  })

  it('keeps responses in document order, none dropped', () => {
    const responses = Array.from({ length: 50 }, (_, i) => `<D:response><D:href>/dav/${i}</D:href>${OK}</D:response>`).join('')
    const multistatus = decode(`<D:multistatus xmlns:D="DAV:">${responses}</D:multistatus>`)
    expect(multistatus.responses.map((r) => status(r).hrefs[0].raw)).toEqual(Array.from({ length: 50 }, (_, i) => `/dav/${i}`))
  })
})

describe('decodeMultiStatus: statuses (rule 3)', () => {
  it.each([
    ['<D:status>HTTP/1.1 200</D:status>', { kind: 'status', code: 200, reason: undefined }],
    ['<D:status>\n  HTTP/1.1   424 (status)\n</D:status>', { kind: 'status', code: 424, reason: '(status)' }],
    ['<D:status>HTTP/2 299 Odd</D:status>', { kind: 'status', code: 299, class: 'success' }],
    ['<D:status/>', { kind: 'status-problem', problem: 'empty' }],
    ['<D:status>OK</D:status>', { kind: 'status-problem', problem: 'garbled' }],
    ['<D:status>HTTP/1.1 102 Processing</D:status>', { kind: 'status-problem', problem: 'informational' }],
    ['', { kind: 'status-problem', problem: 'missing' }],
  ])('parses the propstat status %j', (statusElement, expected) => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:x>v</D:x></D:prop>${statusElement}</D:propstat></D:response></D:multistatus>`
    const response = propstat(only(decode(body)))
    expect(response.propstats[0]?.status).toMatchObject(expected)
  })

  it('turns properties under an unusable status into status-problem results, keeping the element', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:x>v</D:x></D:prop><D:status></D:status></D:propstat></D:response></D:multistatus>`
    const raw = propstat(only(decode(body))).properties[0]
    expect(raw?.kind).toBe('status-problem')
    if (raw?.kind === 'status-problem') {
      expect(raw.problem.problem).toBe('empty')
      expect(raw.element.children).toEqual([{ kind: 'text', text: 'v' }])
    }
  })

  it('reports a garbled response status without failing the body', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:status>garbage</D:status></D:response></D:multistatus>`
    expect(status(only(decode(body))).status).toEqual({ kind: 'status-problem', problem: 'garbled', line: 'garbage' })
  })
})

describe('decodeMultiStatus: values are never coerced (rule 4)', () => {
  it('keeps text exactly, and the element with attributes, children and xml:lang', () => {
    const body = `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:x"><D:response><D:href>/a</D:href><D:propstat><D:prop>
<D:displayname>2024.10</D:displayname><D:getetag>00123</D:getetag><X:flag>true</X:flag><X:spaced>  spaced  </X:spaced>
<X:note xml:lang="fr" X:kind="memo">un <X:b>deux</X:b> trois</X:note><D:resourcetype><D:collection/></D:resourcetype>
</D:prop>${OK}</D:propstat></D:response></D:multistatus>`
    const response = propstat(only(decode(body)))
    expect(valueText(property(response, 'DAV:', 'displayname'))).toBe('2024.10')
    expect(valueText(property(response, 'DAV:', 'getetag'))).toBe('00123')
    expect(valueText(property(response, 'urn:x', 'flag'))).toBe('true')
    expect(valueText(property(response, 'urn:x', 'spaced'))).toBe('  spaced  ')
    const note = property(response, 'urn:x', 'note')
    expect(note.kind === 'value' && note.text).toBe('un deux trois')
    expect(note.kind === 'value' && note.element).toEqual({
      kind: 'element',
      name: { namespace: 'urn:x', local: 'note' },
      attributes: [
        { name: { namespace: 'http://www.w3.org/XML/1998/namespace', local: 'lang' }, value: 'fr' },
        { name: { namespace: 'urn:x', local: 'kind' }, value: 'memo' },
      ],
      children: [
        { kind: 'text', text: 'un ' },
        {
          kind: 'element',
          name: { namespace: 'urn:x', local: 'b' },
          attributes: [],
          children: [{ kind: 'text', text: 'deux' }],
          lang: 'fr',
        },
        { kind: 'text', text: ' trois' },
      ],
      lang: 'fr',
    })
    const resourcetype = property(response, 'DAV:', 'resourcetype')
    expect(resourcetype.kind === 'value' && resourcetype.element.children).toEqual([
      { kind: 'element', name: { namespace: 'DAV:', local: 'collection' }, attributes: [], children: [] },
    ])
  })

  it('reads a whitespace-only prop as zero properties', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop>\n   \n</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response></D:multistatus>`
    const response = propstat(only(decode(body)))
    expect(response.properties).toEqual([])
    expect(response.propstats[0]?.properties).toEqual([])
  })

  it('decodes entities once in property values: &amp;#38; stays &#38;', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:getetag>&quot;x&quot; &amp;#38;</D:getetag></D:prop>${OK}</D:propstat></D:response></D:multistatus>`
    expect(valueText(property(propstat(only(decode(body))), 'DAV:', 'getetag'))).toBe('"x" &#38;')
  })
})

describe('decodeMultiStatus: hrefs (rule 5)', () => {
  it('keeps raw, resolves and decodes each href; absolute ones stay absolute', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/a%20b/c#1?.txt</D:href><D:href>http://sp.example.com/Shared Documents/x&amp;y.docx</D:href><D:href>/dav/100%</D:href>${OK}</D:response></D:multistatus>`
    const [first, second, third] = status(only(decode(body))).hrefs
    expect(first).toEqual({ raw: '/dav/a%20b/c#1?.txt', url: 'https://dav.example.com/dav/a%20b/c%231%3F.txt', path: '/dav/a b/c#1?.txt' })
    expect(second).toEqual({
      raw: 'http://sp.example.com/Shared Documents/x&y.docx',
      url: 'http://sp.example.com/Shared%20Documents/x&y.docx',
      path: '/Shared Documents/x&y.docx',
    })
    expect(third?.path).toBe('/dav/100%')
  })

  it('has hrefs without URLs when no request URL is given, and still decodes paths', () => {
    const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/%C3%A9</D:href>${OK}</D:response></D:multistatus>`
    expect(status(only(decodeMultiStatus(body))).hrefs[0]).toEqual({ raw: '/dav/%C3%A9', url: undefined, path: '/dav/é' })
  })
})

describe('decodeMultiStatus: input forms and hostile input (rule 7)', () => {
  const body = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href>${OK}</D:response></D:multistatus>`

  it.each([
    ['a byte order mark', `\uFEFF${body}`],
    ['a single-quoted declaration', `<?xml version='1.0' encoding='utf-8'?>${body}`],
    ['CRLF line ends', `<?xml version="1.0"?>\r\n${body.replace(/></g, '>\r\n<')}`],
    ['whitespace before the declaration', `\n\n  <?xml version="1.0" encoding="utf-8"?>\n${body}`],
  ])('accepts %s', (_, text) => {
    expect(status(only(decode(text))).status).toMatchObject({ code: 200 })
  })

  it('accepts bytes, decoded as UTF-8', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${body.replace('/a', '/é')}`)
    expect(status(only(decodeMultiStatus(bytes))).hrefs[0].raw).toBe('/é')
    expect(status(only(decodeMultiStatus(bytes.buffer as ArrayBuffer))).hrefs[0].raw).toBe('/é')
  })

  it('refuses DOCTYPE and entity declarations', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE D:multistatus [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><D:multistatus xmlns:D="DAV:"><D:response><D:href>&xxe;</D:href>${OK}</D:response></D:multistatus>`
    expect(failureOf(xxe)).toEqual({ code: 'doctype-forbidden' })
  })

  it('decodes thousands of &quot; etags without hitting any entity limit', () => {
    const responses = Array.from(
      { length: 3000 },
      (_, i) =>
        `<d:response><d:href>/f${i}</d:href><d:propstat><d:prop><d:getetag>&quot;${i}&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`,
    ).join('')
    const multistatus = decode(`<d:multistatus xmlns:d="DAV:">${responses}</d:multistatus>`)
    expect(multistatus.responses).toHaveLength(3000)
    expect(valueText(property(propstat(multistatus.responses[2999] as MultiStatusResponse), 'DAV:', 'getetag'))).toBe('"2999"')
  })

  it('applies the size and depth limits', () => {
    expect(failureOf(body, { maxBytes: 20 })).toEqual({ code: 'too-large', limit: 20, size: body.length })
    // multistatus > response > href: three levels.
    expect(failureOf(body, { maxDepth: 2 })).toEqual({ code: 'too-deep', limit: 2 })
    expect(status(only(decodeMultiStatus(body, { maxDepth: 3 }))).status).toMatchObject({ code: 200 })
  })
})

describe('decodeMultiStatus: bodies that are not a multistatus (rule 8)', () => {
  it('reports an HTML error page as not-xml, with its content type', () => {
    expect(
      failureOf('<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>', { contentType: 'text/html; charset=utf-8' }),
    ).toEqual({
      code: 'not-xml',
      contentType: 'text/html; charset=utf-8',
    })
  })

  it.each(['', '  \r\n '])('reports an empty body %j', (body) => {
    expect(failureOf(body)).toEqual({ code: 'empty-body' })
  })

  it('decodes the conditions of a DAV:error root', () => {
    const body = `<?xml version="1.0"?><d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><d:lock-token-submitted><d:href>/dav/locked</d:href></d:lock-token-submitted><s:message>Locked</s:message></d:error>`
    const failure = failureOf(body)
    expect(failure.code).toBe('dav-error')
    if (failure.code === 'dav-error') {
      expect(failure.error.conditions.map((c) => [c.name, c.hrefs])).toEqual([
        [{ namespace: 'DAV:', local: 'lock-token-submitted' }, ['/dav/locked']],
        [{ namespace: 'http://sabredav.org/ns', local: 'message' }, []],
      ])
    }
  })

  it('reports malformed XML with line and column', () => {
    expect(failureOf('<D:multistatus xmlns:D="DAV:">\n<D:response>\n<D:href>/a</D:response>\n</D:multistatus>')).toMatchObject({
      code: 'malformed-xml',
      line: 3,
      column: 24,
    })
  })

  it.each([
    ['an unknown child of the root', `<D:multistatus xmlns:D="DAV:"><D:extra><n:x/></D:extra></D:multistatus>`],
    [
      'an element of another namespace',
      `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:x"><D:response><D:href>/a</D:href>${OK}<X:note><n:x/></X:note></D:response></D:multistatus>`,
    ],
    [
      'a second status',
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href>${OK}<D:status><n:x/></D:status></D:response></D:multistatus>`,
    ],
    ['an href', `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a<n:x/></D:href>${OK}</D:response></D:multistatus>`],
    [
      'a property value',
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:x><D:y></D:x></D:y></D:prop>${OK}</D:propstat></D:response></D:multistatus>`,
    ],
    [
      'a failed property',
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><n:x/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response></D:multistatus>`,
    ],
    ['the root of an unexpected document', `<D:prop xmlns:D="DAV:"><D:x><n:y/></D:x></D:prop>`],
  ])('reports malformed XML hidden in %s', (_, body) => {
    expect(failureOf(body).code).toBe('malformed-xml')
  })

  it('reports the same position as the XML parser for a mismatch inside a response', () => {
    const body = `<D:multistatus xmlns:D="DAV:">\n<D:response><D:href>/a</D:href>\n<D:propstat><D:prop><D:x></D:y></D:prop>${OK}</D:propstat></D:response></D:multistatus>`
    expect(failureOf(body)).toMatchObject({ code: 'malformed-xml', line: 3, column: 32 })
    let parserFailure: unknown
    try {
      parseXmlDocument(body)
    } catch (error) {
      parserFailure = (error as DecodeError).failure
    }
    expect(failureOf(body)).toEqual(parserFailure)
  })

  it('reports another root element', () => {
    expect(failureOf('<D:prop xmlns:D="DAV:"/>')).toEqual({ code: 'unexpected-root', root: { namespace: 'DAV:', local: 'prop' } })
    expect(failureOf('<multistatus/>')).toEqual({ code: 'unexpected-root', root: { namespace: '', local: 'multistatus' } })
  })

  it('keeps the snippet of a failure short', () => {
    try {
      decodeMultiStatus(`<x:other xmlns:x="urn:x">${'y'.repeat(10_000)}</x:other>`)
      expect.unreachable()
    } catch (error) {
      expect((error as DecodeError).snippet?.length).toBe(200)
      expect((error as DecodeError).message).not.toContain('yyyy')
    }
  })
})
