import type { HttpStatus, PropertyCodec, RawProperty } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import {
  davProps,
  decodeProperties,
  decodeProperty,
  defineProperty,
  findProperty,
  isCollection,
  PropertyNameMismatchError,
  textProperty,
} from '../../src/properties/index.ts'
import { dav, element, name, valueOf } from './elements.ts'

const notFound: HttpStatus = { kind: 'status', code: 404, class: 'client-error', reason: 'Not Found', line: 'HTTP/1.1 404 Not Found' }

describe('decodeProperty', () => {
  it('gives missing for a property the server did not mention', () => {
    expect(decodeProperty(davProps.getetag, undefined)).toEqual({ kind: 'missing', name: { namespace: 'DAV:', local: 'getetag' } })
  })

  it('decodes a 2xx value with the codec, keeping status and element', () => {
    const raw = valueOf(dav('getcontentlength', '00123'))
    expect(decodeProperty(davProps.getcontentlength, raw)).toEqual({
      kind: 'value',
      name: raw.name,
      status: raw.status,
      value: 123,
      element: raw.element,
    })
  })

  it('gives invalid with the codec problem for a value the codec refuses', () => {
    const raw = valueOf(dav('getcontentlength', '12.5'))
    expect(decodeProperty(davProps.getcontentlength, raw)).toEqual({
      kind: 'invalid',
      name: raw.name,
      status: raw.status,
      element: raw.element,
      problem: '"12.5" is not a non-negative integer',
    })
  })

  it('turns an exception thrown by a hand-written codec into invalid', () => {
    const throwing: PropertyCodec<number> = {
      name: name('urn:x', 'n'),
      decode: () => {
        throw new Error('boom')
      },
    }
    const result = decodeProperty(throwing, valueOf(element('urn:x', 'n', '1')))
    expect(result).toMatchObject({ kind: 'invalid', problem: 'decoder threw: boom' })
    const throwsString: PropertyCodec<number> = {
      name: name('urn:x', 'n'),
      decode: () => {
        throw 'plain string'
      },
    }
    expect(decodeProperty(throwsString, valueOf(element('urn:x', 'n', '1')))).toMatchObject({
      kind: 'invalid',
      problem: 'decoder threw: plain string',
    })
  })

  it('refuses a result that breaks the codec contract', () => {
    const broken = { name: name('urn:x', 'n'), decode: () => undefined } as unknown as PropertyCodec<number>
    expect(decodeProperty(broken, valueOf(element('urn:x', 'n', '1')))).toMatchObject({
      kind: 'invalid',
      problem: 'decoder returned no result',
    })
  })

  it('passes a failed property through', () => {
    const raw: RawProperty = { kind: 'failed', name: name('DAV:', 'getetag'), status: notFound, error: undefined, description: 'gone' }
    expect(decodeProperty(davProps.getetag, raw)).toEqual({
      kind: 'failed',
      name: raw.name,
      status: notFound,
      error: undefined,
      description: 'gone',
    })
  })

  it('passes a status problem through', () => {
    const raw: RawProperty = {
      kind: 'status-problem',
      name: name('DAV:', 'getetag'),
      problem: { kind: 'status-problem', problem: 'empty', line: '' },
      element: dav('getetag', '"a"'),
    }
    expect(decodeProperty(davProps.getetag, raw)).toEqual({
      kind: 'status-problem',
      name: raw.name,
      problem: raw.problem,
      element: raw.element,
    })
  })

  it('throws a typed error when the codec and the property have different names', () => {
    const call = (): unknown => decodeProperty(davProps.getetag, valueOf(dav('getcontentlength', '1')))
    expect(call).toThrow(PropertyNameMismatchError)
    expect(call).toThrow('A codec for {DAV:}getetag was given the property {DAV:}getcontentlength')
  })
})

describe('findProperty', () => {
  const properties: RawProperty[] = [
    valueOf(element('http://owncloud.org/ns', 'size', '100')),
    valueOf(element('http://nextcloud.org/ns', 'size', '200')),
    valueOf(element('', 'size', '300')),
    { kind: 'failed', name: name('DAV:', 'getetag'), status: notFound, error: undefined, description: undefined },
    valueOf(dav('getetag', '"late"')),
  ]

  it('compares namespace and local name exactly: oc:size and nc:size do not collide', () => {
    expect(findProperty(properties, name('http://nextcloud.org/ns', 'size'))).toBe(properties[1])
    expect(findProperty(properties, name('http://owncloud.org/ns', 'size'))).toBe(properties[0])
    expect(findProperty(properties, name('', 'size'))).toBe(properties[2])
    expect(findProperty(properties, name('http://owncloud.org/ns', 'SIZE'))).toBeUndefined()
    expect(findProperty(properties, name('http://owncloud.org/ns/', 'size'))).toBeUndefined()
  })

  it('gives the first in document order', () => {
    expect(findProperty(properties, name('DAV:', 'getetag'))).toBe(properties[3])
  })
})

describe('decodeProperties', () => {
  it('decodes a record of codecs into a record of results', () => {
    const ocSize = defineProperty({
      namespace: 'http://owncloud.org/ns',
      local: 'size',
      decode: (property) => ({ ok: true, value: BigInt(property.children.length) }),
    })
    const properties: RawProperty[] = [
      valueOf(dav('getcontentlength', '6148')),
      valueOf(element('http://owncloud.org/ns', 'size', '1')),
      valueOf(dav('getetag', 'W/"x"')),
    ]
    const results = decodeProperties(
      { length: davProps.getcontentlength, etag: davProps.getetag, size: ocSize, title: textProperty('urn:zope', 'title') },
      properties,
    )
    expect(Object.keys(results)).toEqual(['length', 'etag', 'size', 'title'])
    expect(results.length).toMatchObject({ kind: 'value', value: 6148 })
    expect(results.etag).toMatchObject({ kind: 'value', value: { weak: true, value: 'x', raw: 'W/"x"' } })
    expect(results.size).toMatchObject({ kind: 'value', value: 1n })
    expect(results.title).toEqual({ kind: 'missing', name: { namespace: 'urn:zope', local: 'title' } })
  })
})

describe('isCollection', () => {
  it('is true only for a decoded resourcetype holding DAV:collection', () => {
    const collection = decodeProperty(davProps.resourcetype, valueOf(dav('resourcetype', dav('collection'))))
    const file = decodeProperty(davProps.resourcetype, valueOf(dav('resourcetype')))
    const missing = decodeProperty(davProps.resourcetype, undefined)
    const invalid = decodeProperty(davProps.resourcetype, valueOf(dav('resourcetype', 'collection')))
    const failed = decodeProperty(davProps.resourcetype, {
      kind: 'failed',
      name: name('DAV:', 'resourcetype'),
      status: notFound,
      error: undefined,
      description: undefined,
    })
    expect([collection, file, missing, invalid, failed].map(isCollection)).toEqual([true, false, false, false, false])
  })
})
