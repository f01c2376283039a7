import { describe, expect, it } from 'vitest'
import {
  dateProperty,
  decoded,
  defineProperty,
  integerProperty,
  InvalidPropertyNameError,
  rawProperty,
  textProperty,
  undecodable,
  xmlProperty,
} from '../../src/properties/index.ts'
import { dav, element } from './elements.ts'

const oc = 'http://owncloud.org/ns'

describe('defineProperty', () => {
  it('carries its name and decodes with the given function', () => {
    const favorite = defineProperty({
      namespace: oc,
      local: 'favorite',
      decode: (property) => {
        const text = property.children.map((child) => (child.kind === 'text' ? child.text : '')).join('')
        return text === '1' ? decoded(true) : text === '0' ? decoded(false) : undecodable(`favorite ${text}`)
      },
    })
    expect(favorite.name).toEqual({ namespace: oc, local: 'favorite' })
    expect(favorite.decode(element(oc, 'favorite', '1'))).toEqual({ ok: true, value: true })
    expect(favorite.decode(element(oc, 'favorite', '7'))).toEqual({ ok: false, problem: 'favorite 7' })
    expect(favorite.encode).toBeUndefined()
  })

  it('catches what the decode function throws, so decode never throws', () => {
    const strict = defineProperty({
      namespace: 'urn:x',
      local: 'json',
      decode: (property) => decoded(JSON.parse(property.children.length === 0 ? '' : '{') as unknown),
    })
    const result = strict.decode(element('urn:x', 'json'))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(/^decoder threw: .*JSON/)
  })

  it('keeps encode, called on its definition', () => {
    const definition = {
      namespace: 'urn:x',
      local: 'tags',
      separator: ',',
      decode: (property: ReturnType<typeof dav>) => decoded(property.children.length === 0 ? [] : ['x']),
      encode(this: { separator: string }, value: string[]) {
        return [{ kind: 'text' as const, text: value.join(this.separator) }]
      },
    }
    const tags = defineProperty(definition)
    expect(tags.encode(['a', 'b'])).toEqual([{ kind: 'text', text: 'a,b' }])
  })

  it.each(['', 'a b', 'oc:size', '1abc', '-x'])('refuses the local name %j with a typed error', (local) => {
    expect(() => defineProperty({ namespace: 'urn:x', local, decode: () => decoded(1) })).toThrow(InvalidPropertyNameError)
  })

  it('accepts properties in no namespace and non-ASCII names', () => {
    expect(textProperty('', 'size').name).toEqual({ namespace: '', local: 'size' })
    expect(textProperty('urn:x', 'größe.v2_a-b').name.local).toBe('größe.v2_a-b')
  })
})

describe('textProperty', () => {
  it('reads text verbatim and writes it back', () => {
    const title = textProperty('http://www.zope.org/propsets/default', 'title')
    expect(title.decode(element(title.name.namespace, 'title', '  WebDAV test  '))).toEqual({ ok: true, value: '  WebDAV test  ' })
    expect(title.decode(element(title.name.namespace, 'title'))).toEqual({ ok: true, value: '' })
    expect(title.encode('a & b <c>')).toEqual([{ kind: 'text', text: 'a & b <c>' }])
  })
})

describe('integerProperty', () => {
  const count = integerProperty('http://subversion.tigris.org/xmlns/dav/', 'deadprop-count')

  it.each([
    ['3', 3],
    [' -42 ', -42],
    ['+7', 7],
    ['-0', 0],
    ['007', 7],
  ])('reads %j', (text, value) => {
    expect(count.decode(element(count.name.namespace, 'deadprop-count', text))).toEqual({ ok: true, value })
  })

  it.each(['', '2024.10', '1e3', 'abc', '--1', '9007199254740993'])('refuses %j', (text) => {
    expect(count.decode(element(count.name.namespace, 'deadprop-count', text)).ok).toBe(false)
  })

  it('writes decimal text and refuses to write a non-integer', () => {
    expect(count.encode(-12)).toEqual([{ kind: 'text', text: '-12' }])
    expect(() => count.encode(1.5)).toThrow(RangeError)
  })
})

describe('dateProperty', () => {
  const due = dateProperty('urn:example:tasks', 'due')

  it('reads leniently and writes RFC 1123', () => {
    const result = due.decode(element('urn:example:tasks', 'due', '2024-03-05T12:00:00+01:00'))
    expect(result.ok && result.value.toISOString()).toBe('2024-03-05T11:00:00.000Z')
    expect(due.encode(new Date('2024-03-05T11:00:00Z'))).toEqual([{ kind: 'text', text: 'Tue, 05 Mar 2024 11:00:00 GMT' }])
    expect(due.decode(element('urn:example:tasks', 'due', 'soon')).ok).toBe(false)
    expect(() => due.encode(new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('xmlProperty and rawProperty', () => {
  it('give the element as it is and write its children back', () => {
    const acl = dav('acl', dav('ace', dav('principal', dav('all'))), '\n')
    const codec = xmlProperty('DAV:', 'acl')
    const result = codec.decode(acl)
    expect(result.ok && result.value).toBe(acl)
    expect(codec.encode(acl)).toBe(acl.children)
  })

  it('rawProperty works from a name already held', () => {
    const name = { namespace: 'http://apache.org/dav/props/', local: 'executable' }
    const codec = rawProperty(name)
    expect(codec.name).toEqual(name)
    const property = element(name.namespace, name.local, 'F')
    expect(codec.decode(property)).toEqual({ ok: true, value: property })
  })
})
