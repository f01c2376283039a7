import { describe, expect, it } from 'vitest'
import { parseXml } from '../src/xml/parse-xml.ts'
import { writeXml } from '../src/xml/write-xml.ts'
import { dav, element, text, XML_NS, type XmlElement } from '../src/xml/xml-node.ts'

function root(xml: string): XmlElement {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.reason)
  return parsed.root
}

describe('request body parsing', () => {
  it('resolves prefixes per element, defaults included', () => {
    const parsed = root('<a:x xmlns:a="DAV:"><y xmlns="urn:one"><z/></y><b:w xmlns:b="DAV:"/><n xmlns=""/></a:x>')
    expect([parsed.ns, parsed.local]).toEqual(['DAV:', 'x'])
    const [y, w, n] = parsed.children as XmlElement[]
    expect([y?.ns, (y?.children[0] as XmlElement).ns, w?.ns, n?.ns]).toEqual(['urn:one', 'urn:one', 'DAV:', ''])
  })

  it('decodes predefined entities and character references, high Unicode included', () => {
    const parsed = root('<p>&lt;&amp;&gt;&quot;&apos; &#x10000;&#65;<![CDATA[<raw>]]></p>')
    expect(parsed.children).toEqual([text('<&>"\' 𐀀A<raw>')])
  })

  it('keeps xml:lang and other attributes with their namespaces', () => {
    const parsed = root('<p xmlns:q="urn:q" xml:lang="fr" q:a="1" b="2"/>')
    expect(parsed.attrs).toEqual([
      { ns: XML_NS, local: 'lang', value: 'fr' },
      { ns: 'urn:q', local: 'a', value: '1' },
      { ns: '', local: 'b', value: '2' },
    ])
  })

  it('refuses DOCTYPE, unknown entities, undeclared prefixes and empty prefix bindings', () => {
    expect(parseXml('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>').ok).toBe(false)
    expect(parseXml('<x>&nbsp;</x>').ok).toBe(false)
    expect(parseXml('<a:x/>').ok).toBe(false)
    expect(parseXml('<x xmlns:a=""/>').ok).toBe(false)
    expect(parseXml('<x><y></x>').ok).toBe(false)
    expect(parseXml('<x/><y/>').ok).toBe(false)
    expect(parseXml('<x>&#0;</x>').ok).toBe(false)
  })
})

describe('response XML writer', () => {
  const doc = dav('multistatus', [
    dav('response', [
      element('urn:x', 'color', [text('a<b & "c"\r')]),
      element('', 'plain', [], [{ ns: XML_NS, local: 'lang', value: 'en' }]),
    ]),
  ])

  it('declares DAV: on the root with the chosen prefix and other namespaces where needed', () => {
    const xml = writeXml(doc, 'D')
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:"><D:response><ns0:color xmlns:ns0="urn:x">a&lt;b &amp; "c"&#13;</ns0:color><plain xml:lang="en"/></D:response></D:multistatus>',
    )
  })

  it('writes DAV: as the default namespace and resets it for no-namespace elements', () => {
    const xml = writeXml(doc, 'default')
    expect(xml).toContain('<multistatus xmlns="DAV:"><response>')
    expect(xml).toContain('<plain xmlns="" xml:lang="en"/>')
  })

  it('round-trips through the parser', () => {
    for (const style of ['D', 'd', 'a', 'default']) {
      const parsed = root(writeXml(doc, style).replace(/^<\?xml[^>]*>\n/, ''))
      expect(parsed).toEqual(doc)
    }
  })
})
