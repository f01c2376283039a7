import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { buildXmlDocument, dav, element, text } from './build-document.ts'
import { buildPropfindBody } from './build-propfind.ts'
import { buildProppatchBody } from './build-proppatch.ts'

// A plain parse of what was built, to check that escaped text comes back as it went in.
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: false,
  htmlEntities: true,
})

describe('buildXmlDocument', () => {
  test('namespaces are declared once on the root with stable prefixes; no default namespace', () => {
    const xml = buildXmlDocument(
      element(dav('propfind'), [
        element(dav('prop'), [
          element({ namespace: 'http://owncloud.org/ns', local: 'size' }),
          element({ namespace: 'http://nextcloud.org/ns', local: 'size' }),
          element({ namespace: '', local: 'plain' }),
        ]),
      ]),
    )
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<D:propfind xmlns:D="DAV:" xmlns:ns1="http://owncloud.org/ns" xmlns:ns2="http://nextcloud.org/ns">' +
        '<D:prop><ns1:size/><ns2:size/><plain/></D:prop></D:propfind>',
    )
  })

  test('text and attribute values are escaped and come back unchanged', () => {
    const tricky = `a<b & "c" 'd' ]]> \r\n\t é 😀`
    const xml = buildXmlDocument(
      element({ namespace: 'urn:x', local: 'v' }, [text(tricky)], [{ name: { namespace: '', local: 'k' }, value: tricky }]),
    )
    expect(xml).not.toContain('<b')
    const parsed = parser.parse(xml) as Record<string, Record<string, string>>
    expect(parsed['ns0:v']?.['#text']).toBe(tricky)
    expect(parsed['ns0:v']?.['@_k']).toBe(tricky)
  })

  test.each([
    () => element({ namespace: 'DAV:', local: 'has space' }),
    () => element({ namespace: 'DAV:', local: 'a:b' }),
    () => element({ namespace: 'DAV:', local: '1abc' }),
    () => element(dav('x'), [text('bell\u0007')]),
    () => element(dav('x'), [text('lone \ud800 surrogate')]),
  ])('refuses what XML cannot carry (%#)', (make) => {
    expect(() => buildXmlDocument(make())).toThrow(InvalidRequestError)
  })
})

describe('request bodies', () => {
  test('propfind prop, allprop with include, propname', () => {
    expect(buildPropfindBody({ kind: 'prop', names: [dav('getetag')] })).toContain(
      '<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>',
    )
    expect(buildPropfindBody({ kind: 'allprop', include: [{ namespace: 'urn:x', local: 'y' }] })).toContain(
      '<D:allprop/><D:include><ns1:y/></D:include>',
    )
    expect(buildPropfindBody({ kind: 'allprop', include: [] })).toContain('<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>')
    expect(buildPropfindBody({ kind: 'propname' })).toContain('<D:propname/>')
  })

  test('proppatch keeps set and remove in document order, with XML values and xml:lang', () => {
    const x = (local: string) => ({ namespace: 'urn:x', local })
    const xml = buildProppatchBody([
      { op: 'set', name: x('a'), value: [text('1')] },
      { op: 'set', name: x('b'), value: [element(x('inner'), [text('<2>')])], lang: 'fr' },
      { op: 'remove', name: x('c') },
      { op: 'set', name: x('a'), value: [text('3')] },
    ])
    expect(xml).toContain(
      '<D:propertyupdate xmlns:D="DAV:" xmlns:ns1="urn:x">' +
        '<D:set><D:prop><ns1:a>1</ns1:a><ns1:b xml:lang="fr"><ns1:inner>&lt;2&gt;</ns1:inner></ns1:b></D:prop></D:set>' +
        '<D:remove><D:prop><ns1:c/></D:prop></D:remove>' +
        '<D:set><D:prop><ns1:a>3</ns1:a></D:prop></D:set>' +
        '</D:propertyupdate>',
    )
  })
})
