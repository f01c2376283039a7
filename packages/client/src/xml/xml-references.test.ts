import { describe, expect, it } from 'vitest'
import { decodeXmlReferences } from './xml-references.ts'

describe('decodeXmlReferences', () => {
  it('decodes the five predefined entities', () => {
    expect(decodeXmlReferences('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;')).toBe(`<a> & "b" 'c'`)
  })

  it('decodes decimal and hexadecimal character references', () => {
    expect(decodeXmlReferences('&#38;&#x26;&#X26;&#233;&#x1F600;')).toBe('&&&#X26;é😀')
  })

  it('decodes exactly once: &amp;#38; is the text &#38;', () => {
    expect(decodeXmlReferences('&amp;#38;')).toBe('&#38;')
    expect(decodeXmlReferences('&amp;amp;')).toBe('&amp;')
    expect(decodeXmlReferences('&amp;quot;')).toBe('&quot;')
  })

  it('never expands any other named entity', () => {
    expect(decodeXmlReferences('&nbsp;&copy;&xxe;&lol9;')).toBe('&nbsp;&copy;&xxe;&lol9;')
  })

  it('keeps references to characters XML does not allow', () => {
    expect(decodeXmlReferences('&#0;&#xD800;&#x110000;&#xFFFE;')).toBe('&#0;&#xD800;&#x110000;&#xFFFE;')
  })

  it('keeps bare ampersands and unterminated references', () => {
    expect(decodeXmlReferences('AT&T & co &amp')).toBe('AT&T & co &amp')
    expect(decodeXmlReferences('a & b &lt;')).toBe('a & b <')
  })

  it('returns text without references untouched', () => {
    const text = 'plain text'
    expect(decodeXmlReferences(text)).toBe(text)
  })

  it('decodes thousands of references without any limit', () => {
    const text = '&quot;x&quot;'.repeat(50_000)
    expect(decodeXmlReferences(text)).toBe('"x"'.repeat(50_000))
  })
})
