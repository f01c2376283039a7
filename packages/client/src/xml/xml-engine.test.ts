import { describe, expect, it } from 'vitest'
import { runEngine, TEXT_KEY, TOO_DEEP_MESSAGE } from './xml-engine.ts'

// The engine never sees a DTD (the prolog is inspected first); these tests hold its own
// configuration to the same line in case it ever did.
function textIn(xml: string): unknown {
  const [root] = runEngine(xml, 10).filter((node) => node[TEXT_KEY] === undefined)
  const children = root?.['a'] as { [key: string]: unknown }[] | undefined
  return children?.map((child) => child[TEXT_KEY]).join('')
}

describe('the XML engine configuration', () => {
  it('does not expand entities declared in a DOCTYPE', () => {
    expect(textIn('<!DOCTYPE a [<!ENTITY x "expanded">]><a>&x;</a>')).toBe('&x;')
    // An external entity is refused by the engine itself, or left unexpanded: never fetched.
    let external: unknown
    try {
      external = textIn('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')
    } catch (error) {
      external = 'refused'
    }
    expect(['&x;', 'refused']).toContain(external)
  })

  it('does not expand HTML entities', () => {
    expect(textIn('<a>&nbsp;&copy;&euro;</a>')).toBe('&nbsp;&copy;&euro;')
  })

  it('decodes predefined and numeric references once, trims and coerces nothing', () => {
    expect(textIn('<a> &amp;#38; &#38; 00123 </a>')).toBe(' &#38; & 00123 ')
  })

  it('refuses nesting deeper than asked', () => {
    expect(() => runEngine('<a>'.repeat(12) + '</a>'.repeat(12), 10)).toThrow(TOO_DEEP_MESSAGE)
  })
})
