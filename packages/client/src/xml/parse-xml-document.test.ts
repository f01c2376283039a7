import type { DecodeFailure, XmlElement, XmlNode } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../errors/decode-error.ts'
import { textOf } from './element-text.ts'
import { parseXmlDocument, type ParseXmlOptions } from './parse-xml-document.ts'
import { XML_NAMESPACE } from './xml-namespaces.ts'

function failureOf(body: string | Uint8Array, options?: ParseXmlOptions): DecodeFailure {
  try {
    parseXmlDocument(body, options)
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError)
    return (error as DecodeError).failure
  }
  throw new Error('expected a DecodeError')
}

function elements(nodes: readonly XmlNode[]): XmlElement[] {
  return nodes.filter((node): node is XmlElement => node.kind === 'element')
}

function child(element: XmlElement, index: number): XmlElement {
  const found = elements(element.children)[index]
  if (found === undefined) throw new Error(`no child element ${index}`)
  return found
}

describe('parseXmlDocument: namespaces', () => {
  it('resolves prefixes to namespaces and never keeps the prefix', () => {
    const a = parseXmlDocument('<D:prop xmlns:D="DAV:"><D:getetag/></D:prop>')
    const b = parseXmlDocument('<d:prop xmlns:d="DAV:"><d:getetag/></d:prop>')
    expect(a).toEqual(b)
    expect(child(a, 0).name).toEqual({ namespace: 'DAV:', local: 'getetag' })
  })

  it('scopes a prefix to the element declaring it and its descendants', () => {
    const root = parseXmlDocument('<r xmlns:n="urn:one"><a xmlns:n="urn:two"><n:x/></a><b><n:x/></b><c xmlns:n="DAV:"><n:x/></c></r>')
    expect(child(child(root, 0), 0).name).toEqual({ namespace: 'urn:two', local: 'x' })
    expect(child(child(root, 1), 0).name).toEqual({ namespace: 'urn:one', local: 'x' })
    expect(child(child(root, 2), 0).name).toEqual({ namespace: 'DAV:', local: 'x' })
  })

  it('applies a default namespace declared on any element, and xmlns="" undeclares it', () => {
    const root = parseXmlDocument('<multistatus xmlns="DAV:"><prop><x xmlns="urn:x"><y/></x><mode xmlns=""/></prop></multistatus>')
    expect(root.name).toEqual({ namespace: 'DAV:', local: 'multistatus' })
    const prop = child(root, 0)
    expect(child(prop, 0).name).toEqual({ namespace: 'urn:x', local: 'x' })
    expect(child(child(prop, 0), 0).name).toEqual({ namespace: 'urn:x', local: 'y' })
    expect(child(prop, 1).name).toEqual({ namespace: '', local: 'mode' })
  })

  it('puts elements without a prefix or default namespace in no namespace', () => {
    expect(parseXmlDocument('<a><b/></a>').name).toEqual({ namespace: '', local: 'a' })
  })

  it('resolves the same prefix afresh wherever a declaration binds it to another namespace', () => {
    const root = parseXmlDocument(
      '<r><a xmlns:n="urn:1"><n:x/></a><a xmlns:n="urn:2"><n:x/></a><a xmlns:n="urn:1"><n:x/></a><a xmlns:n="urn:1" xmlns:m="urn:3"><n:x/><m:x/></a></r>',
    )
    const names = elements(root.children).flatMap((a) => elements(a.children).map((x) => x.name.namespace))
    expect(names).toEqual(['urn:1', 'urn:2', 'urn:1', 'urn:1', 'urn:3'])
  })

  it('refuses an invalid declaration every time, also after valid ones on the same prefix', () => {
    expect(failureOf('<r><a xmlns:n="urn:1"/><a xmlns:n=""/></r>')).toMatchObject({ code: 'malformed-xml', line: 1, column: 24 })
    expect(failureOf('<r><a xmlns:n=""/><a xmlns:n=""/></r>')).toMatchObject({ code: 'malformed-xml', line: 1, column: 4 })
  })

  it('refuses an undeclared prefix even where the same name was resolved in another scope', () => {
    expect(failureOf('<r><a xmlns:n="urn:1"><n:x/></a><n:x/></r>')).toMatchObject({ code: 'malformed-xml', line: 1, column: 33 })
  })

  it('tells apart the same local name in two namespaces', () => {
    const root = parseXmlDocument(
      '<p xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><oc:size>1</oc:size><nc:size>2</nc:size></p>',
    )
    expect(child(root, 0).name).toEqual({ namespace: 'http://owncloud.org/ns', local: 'size' })
    expect(child(root, 1).name).toEqual({ namespace: 'http://nextcloud.org/ns', local: 'size' })
  })

  it('predefines the xml prefix and inherits xml:lang', () => {
    const root = parseXmlDocument('<a xml:lang="fr"><b>x</b><c xml:lang="de"/></a>')
    expect(root.lang).toBe('fr')
    expect(root.attributes).toEqual([{ name: { namespace: XML_NAMESPACE, local: 'lang' }, value: 'fr' }])
    expect(child(root, 0).lang).toBe('fr')
    expect(child(root, 1).lang).toBe('de')
    expect(parseXmlDocument('<a/>').lang).toBeUndefined()
  })

  it('resolves prefixed attributes and leaves unprefixed ones in no namespace', () => {
    const root = parseXmlDocument('<a xmlns="urn:default" xmlns:p="urn:p" plain="1" p:qualified="2"/>')
    expect(root.attributes).toEqual([
      { name: { namespace: '', local: 'plain' }, value: '1' },
      { name: { namespace: 'urn:p', local: 'qualified' }, value: '2' },
    ])
  })

  it('refuses an undeclared prefix as malformed, with its position', () => {
    expect(failureOf('<a>\n  <n:b/>\n</a>')).toEqual({
      code: 'malformed-xml',
      line: 2,
      column: 3,
      reason: 'the prefix n of <n:b> is not declared',
    })
  })

  it('refuses an undeclared attribute prefix', () => {
    expect(failureOf('<a n:x="1"/>')).toMatchObject({ code: 'malformed-xml', line: 1, column: 1 })
  })

  it('refuses a double prefix', () => {
    expect(failureOf('<D:a xmlns:D="DAV:"><D:D:exclusive/></D:a>')).toMatchObject({ code: 'malformed-xml', line: 1, column: 21 })
  })

  it.each([['<a xmlns:xmlns="urn:x"/>'], ['<a xmlns:xml="urn:x"/>'], ['<a xmlns:p=""/>'], ['<xmlns:a/>']])(
    'refuses a namespace declaration that is not allowed: %s',
    (body) => {
      expect(failureOf(body).code).toBe('malformed-xml')
    },
  )
})

describe('parseXmlDocument: text', () => {
  it('keeps text verbatim, whitespace included, and never coerces it', () => {
    const root = parseXmlDocument('<a><v>2024.10</v><v>00123</v><v>true</v><v>  spaced  </v><v>\n\tline\n</v></a>')
    expect(elements(root.children).map(textOf)).toEqual(['2024.10', '00123', 'true', '  spaced  ', '\n\tline\n'])
  })

  it('keeps mixed content in order', () => {
    const root = parseXmlDocument('<p xmlns:h="urn:h">one <h:b>two</h:b> three</p>')
    expect(root.children).toEqual([
      { kind: 'text', text: 'one ' },
      { kind: 'element', name: { namespace: 'urn:h', local: 'b' }, attributes: [], children: [{ kind: 'text', text: 'two' }] },
      { kind: 'text', text: ' three' },
    ])
  })

  it('joins text and CDATA sections into one text node, CDATA taken literally', () => {
    const root = parseXmlDocument('<a>x&amp;<![CDATA[<y>&amp;]]>z</a>')
    expect(root.children).toEqual([{ kind: 'text', text: 'x&<y>&amp;z' }])
  })

  it('decodes entity references exactly once in text and attributes', () => {
    const root = parseXmlDocument('<a v="&amp;#38;">&amp;#38;&quot;&#x41;</a>')
    expect(textOf(root)).toBe('&#38;"A')
    expect(root.attributes[0]?.value).toBe('&#38;')
  })

  it('drops comments and processing instructions', () => {
    expect(parseXmlDocument('<a>x<!-- c --><?pi data?>y</a>').children).toEqual([{ kind: 'text', text: 'xy' }])
  })

  it('normalises CRLF line ends', () => {
    expect(textOf(parseXmlDocument('<a>\r\nx\ry\r\n</a>'))).toBe('\nx\ny\n')
  })

  it.each([
    '<\u0001a>x</a>',
    '<\u0001a>x</\u0001a>',
    '<r><\u0001b/></r>',
    '<\u0001__proto__>x</\u0001__proto__>',
    '<r><\u0001__proto__/></r>',
    '<r><__proto__/><\u0001__proto__/></r>',
    '<r><\u0001constructor></\u0001constructor></r>',
    '<r><\u0001\u0001a/></r>',
    '<r \u0001a="1"/>',
  ])('reports a C0 control character in a name: %j', (body) => {
    expect(failureOf(body).code).toBe('malformed-xml')
  })

  it('keeps element names the engine guards against', () => {
    const root = parseXmlDocument('<a><constructor>1</constructor><__proto__>2</__proto__><prototype/><toString/></a>')
    expect(elements(root.children).map((element) => element.name.local)).toEqual(['constructor', '__proto__', 'prototype', 'toString'])
  })
})

describe('parseXmlDocument: input forms', () => {
  const body = '<?xml version="1.0" encoding="utf-8"?>\n<a>é</a>'

  it('accepts a UTF-8 byte order mark in text and in bytes', () => {
    expect(textOf(parseXmlDocument(`\uFEFF${body}`))).toBe('é')
    expect(textOf(parseXmlDocument(new TextEncoder().encode(`\uFEFF${body}`)))).toBe('é')
  })

  it('decodes bytes as UTF-8, from a Uint8Array or an ArrayBuffer', () => {
    const bytes = new TextEncoder().encode(body)
    expect(textOf(parseXmlDocument(bytes))).toBe('é')
    expect(textOf(parseXmlDocument(bytes.buffer as ArrayBuffer))).toBe('é')
  })

  it('accepts a single-quoted declaration and whitespace before it', () => {
    expect(textOf(parseXmlDocument("\n\n   <?xml version='1.0' encoding='utf-8'?><a>x</a>"))).toBe('x')
  })
})

describe('parseXmlDocument: failures', () => {
  it.each(['', '   \n\t ', '\uFEFF'])('reports an empty body %j', (body) => {
    expect(failureOf(body)).toEqual({ code: 'empty-body' })
  })

  it.each([
    '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>',
    '<html><head><title>Login</title></head></html>',
    '\n<HTML>\n<BODY>Error</BODY></HTML>',
    '<!-- proxy --><html lang="en"></html>',
    '{"error":"unauthorized"}',
    'Internal Server Error',
  ])('reports a body that is not XML: %j', (body) => {
    expect(failureOf(body, { contentType: 'text/html' })).toEqual({ code: 'not-xml', contentType: 'text/html' })
  })

  it.each([
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    '<!DOCTYPE a SYSTEM "http://evil.example/x.dtd"><a/>',
    '<a><!ENTITY x "y"></a>',
    '<!doctype a><a/>',
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>',
    // Behind a `<!--` or `<![CDATA[` that a processing instruction holds.
    '<?pi <!-- ?><!DOCTYPE r [<!ENTITY x "PWNED">]><r>&x;</r>',
    '<r><?p <!-- ?><!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
    '<r><?p <![CDATA[ ?><!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
  ])('refuses DTD declarations: %j', (body) => {
    expect(failureOf(body)).toEqual({ code: 'doctype-forbidden' })
  })

  it.each([
    // `<` may not appear in an attribute value: what follows is never read as markup.
    '<r a="<!--"><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;</r>',
    '<r a=\'<![CDATA[\'><!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
    "<r a=\"<!DOCTYPE x [<!ENTITY e 'Y'>]>&e;</r>",
    // A comment, CDATA section or processing instruction never closed: nothing after it is markup.
    '<r><!-- <!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
    '<r><![CDATA[ <!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
    '<r><?p <!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
  ])('refuses a declaration hidden where markup cannot be, as malformed: %j', (body) => {
    expect(failureOf(body)).toMatchObject({ code: 'malformed-xml' })
  })

  it('does not mistake <!DOCTYPE inside a comment or CDATA for a declaration', () => {
    expect(textOf(parseXmlDocument('<a><!-- <!DOCTYPE x> --><![CDATA[<!DOCTYPE y>]]></a>'))).toBe('<!DOCTYPE y>')
  })

  it("refuses a misspelt declaration as malformed, keeping the parser's error as the cause", () => {
    const error = (() => {
      try {
        parseXmlDocument('<a><!Dx></a>')
      } catch (thrown) {
        return thrown as DecodeError
      }
      throw new Error('expected a DecodeError')
    })()
    expect(error.failure).toMatchObject({ code: 'malformed-xml', line: 1 })
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('does not mistake <!DOCTYPE inside a processing instruction or an escaped attribute value for a declaration', () => {
    const root = parseXmlDocument('<a b="&lt;!DOCTYPE x>" c=\'>\'><?p <!DOCTYPE y> ?>z</a>')
    expect(root.attributes.map((attribute) => attribute.value)).toEqual(['<!DOCTYPE x>', '>'])
    expect(textOf(root)).toBe('z')
  })

  it.each([
    ['<a><b></a></b>', 1, 11],
    ['<a>\n<b>\n</a>', 3, 5],
    ['<a></a><b/>', 1, 11],
    ['<a></a>trailing', 1, 16],
    ['<?xml version="1.0"?>text<a/>', 1, 27],
    ['<a b>x</a>', 1, 6],
    ['<a b=1>x</a>', 1, 7],
    ['<a>x < y</a>', 1, 8],
    ['<a><1b/></a>', 1, 6],
  ])('reports malformed XML %j at the line and column where reading stopped', (body, line, column) => {
    expect(failureOf(body)).toMatchObject({ code: 'malformed-xml', line, column })
  })

  it.each([
    ['<r><ab></b></r>', 1, 12],
    ['<r><b></ab></r>', 1, 12],
    ['<r><p:b xmlns:p="urn:p"></p:bb></r>', 1, 32],
    ['<r><p:bb xmlns:p="urn:p"></p:b></r>', 1, 32],
    ['<r><a></b ></r>', 1, 12],
  ])('refuses an end tag %j whose name only shares a prefix or a suffix with the start tag', (body, line, column) => {
    expect(failureOf(body)).toMatchObject({ code: 'malformed-xml', line, column })
  })

  it('accepts end tags with whitespace before their >, and empty-element tags', () => {
    const root = parseXmlDocument('<r><a>x</a \n><b/><c ></c  ></r>')
    expect(elements(root.children).map((element) => element.name.local)).toEqual(['a', 'b', 'c'])
  })

  it.each(['<a><!-- never closed </a>', '<a><![CDATA[ never closed </a>', '<a><b', '<a>'])('reports malformed XML %j', (body) => {
    const failure = failureOf(body)
    expect(failure.code).toBe('malformed-xml')
    if (failure.code === 'malformed-xml') {
      expect(failure.line).toBeGreaterThanOrEqual(1)
      expect(failure.column).toBeGreaterThanOrEqual(1)
      expect(failure.reason).not.toBe('')
    }
  })

  it('carries a bounded snippet around the problem, never the whole body', () => {
    const body = `<a>${'<b>x</b>'.repeat(1000)}<n:c/>${'<b>x</b>'.repeat(1000)}</a>`
    try {
      parseXmlDocument(body)
      expect.unreachable()
    } catch (error) {
      const snippet = (error as DecodeError).snippet ?? ''
      expect(snippet.length).toBeLessThanOrEqual(200)
      expect(snippet).toContain('<n:c/>')
    }
  })

  it('limits the size of the body in bytes', () => {
    expect(failureOf('<a>éé</a>', { maxBytes: 10 })).toEqual({ code: 'too-large', limit: 10, size: 11 })
    expect(failureOf(new TextEncoder().encode('<a>éé</a>'), { maxBytes: 10 })).toEqual({ code: 'too-large', limit: 10, size: 11 })
    expect(textOf(parseXmlDocument('<a>éé</a>', { maxBytes: 11 }))).toBe('éé')
  })

  it('limits the nesting depth', () => {
    const nested = (depth: number, leaf: string): string => '<a>'.repeat(depth - 1) + leaf + '</a>'.repeat(depth - 1)
    expect(parseXmlDocument(nested(5, '<b/>'), { maxDepth: 5 }).name.local).toBe('a')
    expect(parseXmlDocument(nested(5, '<b></b>'), { maxDepth: 5 }).name.local).toBe('a')
    expect(failureOf(nested(6, '<b/>'), { maxDepth: 5 })).toEqual({ code: 'too-deep', limit: 5 })
    expect(failureOf(nested(6, '<b></b>'), { maxDepth: 5 })).toEqual({ code: 'too-deep', limit: 5 })
    expect(failureOf(nested(100_000, '<b/>'))).toEqual({ code: 'too-deep', limit: 256 })
  })
})
