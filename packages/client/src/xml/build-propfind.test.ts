import type { QName } from '@davkit/types'
import { describe, expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { buildPropfindBody } from './build-propfind.ts'

const dav = (local: string): QName => ({ namespace: 'DAV:', local })

describe('buildPropfindBody, remembered', () => {
  test('the same request gives the same text; another set of names gives its own', () => {
    const first = buildPropfindBody({ kind: 'prop', names: [dav('getetag'), dav('displayname')] })
    expect(buildPropfindBody({ kind: 'prop', names: [dav('getetag'), dav('displayname')] })).toBe(first)
    expect(buildPropfindBody({ kind: 'prop', names: [dav('displayname'), dav('getetag')] })).toContain(
      '<D:prop><D:displayname/><D:getetag/></D:prop>',
    )
    expect(buildPropfindBody({ kind: 'allprop', include: [dav('getetag'), dav('displayname')] })).toContain(
      '<D:allprop/><D:include><D:getetag/><D:displayname/></D:include>',
    )
  })

  test('names that split differently are different requests', () => {
    const a = buildPropfindBody({ kind: 'prop', names: [{ namespace: 'urn:a', local: 'b' }] })
    const b = buildPropfindBody({ kind: 'prop', names: [{ namespace: 'urn:', local: 'ab' }] })
    expect(a).toContain('xmlns:ns1="urn:a"><D:prop><ns1:b/>')
    expect(b).toContain('xmlns:ns1="urn:"><D:prop><ns1:ab/>')
  })

  test('a bad name is refused every time, whatever was built before', () => {
    buildPropfindBody({ kind: 'prop', names: [dav('getetag')] })
    for (let i = 0; i < 2; i++) {
      expect(() => buildPropfindBody({ kind: 'prop', names: [dav('getetag'), dav('not a name')] })).toThrow(InvalidRequestError)
    }
  })

  test('many different sets are each built right', () => {
    for (let i = 0; i < 200; i++) {
      expect(buildPropfindBody({ kind: 'prop', names: [{ namespace: `urn:n${i}`, local: `p${i}` }] })).toContain(
        `xmlns:ns1="urn:n${i}"><D:prop><ns1:p${i}/></D:prop>`,
      )
    }
  })
})
