import { describe, expect, it } from 'vitest'
import { DOCTYPE_MESSAGE, runEngine, TEXT_KEY, TOO_DEEP_MESSAGE, unguardedName } from './xml-engine.ts'

// The engine never sees a DTD (the prolog is inspected first); these tests hold its own
// configuration to the same line in case it ever did.
function textIn(xml: string): unknown {
  const [root] = runEngine(xml, 10).filter((node) => node[TEXT_KEY] === undefined)
  const children = root?.['a'] as { [key: string]: unknown }[] | undefined
  return children?.map((child) => child[TEXT_KEY]).join('')
}

describe('the XML engine configuration', () => {
  it.each([
    '<!DOCTYPE a [<!ENTITY x "expanded">]><a>&x;</a>',
    '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    '<!DOCTYPE a [<!ENTITY % p "x">]><a/>',
    '<!DOCTYPE a><a/>',
    '<!DOCTYPE a SYSTEM "http://evil.example/x.dtd"><a/>',
    '<!Dx><a/>',
    '<?pi <!-- ?><!DOCTYPE a [<!ENTITY x "PWNED">]><a>&x;</a>',
    '<a><?p <!-- ?><!DOCTYPE x [<!ENTITY e "Y">]>&e;</a>',
    '<a><?p <![CDATA[ ?><!DOCTYPE x [<!ENTITY e "Y">]>&e;</a>',
    '<a b="<!--"><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;</a>',
  ])('refuses any DOCTYPE it reaches: %j', (xml) => {
    expect(() => runEngine(xml, 10)).toThrow(DOCTYPE_MESSAGE)
  })

  it('unmarks only the names it guards', () => {
    const names = (xml: string): string[] => runEngine(xml, 10).map((node) => unguardedName(Object.keys(node)[0] ?? ''))
    expect(names('<constructor/>')).toEqual(['constructor'])
    expect(names('<r/>')).toEqual(['r'])
    expect(unguardedName('\u0001__proto__')).toBe('__proto__')
    expect(unguardedName('\u0001a')).toBe('\u0001a')
    expect(unguardedName('\u0001\u0001constructor')).toBe('\u0001\u0001constructor')
    expect(unguardedName('a')).toBe('a')
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
