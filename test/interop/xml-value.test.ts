import { describe, expect, it } from 'vitest'
import { canonicalXml, element, qname, serializeXml } from './xml-value.ts'

describe('xml values', () => {
  it('parses Clark notation and refuses anything else', () => {
    expect(qname('{urn:x}color')).toEqual({ namespace: 'urn:x', local: 'color' })
    expect(qname('{}plain')).toEqual({ namespace: '', local: 'plain' })
    expect(() => qname('color')).toThrow(/Clark notation/)
  })

  it('gives a prefix-free canonical form that ignores indentation between elements', () => {
    const value = [element('{urn:b}part', 'x ', element('{urn:a}em', 'y')), { kind: 'text' as const, text: '\n  ' }]
    expect(canonicalXml(value)).toBe('<{urn:b}part>x <{urn:a}em>y</></>')
    expect(canonicalXml([{ kind: 'text', text: '  spaced  ' }])).toBe('  spaced  ')
  })

  it('serializes with each namespace declared where it is used, text escaped', () => {
    expect(serializeXml([element('{urn:b}part', 'a<&>', element('{}bare'))])).toBe(
      '<n0:part xmlns:n0="urn:b">a&lt;&amp;&gt;<bare xmlns=""></bare></n0:part>',
    )
  })
})
