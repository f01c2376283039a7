import type { LiteralQName, QName, WritablePropertyCodec, XmlElement } from '@davkit/types'
import { decoded } from './codec-result.ts'
import { defineProperty } from './define-property.ts'

/**
 * The raw-XML fallback: a codec that gives the property element as it is, for any property.
 * Writing it sends the element's children back.
 *
 * @example
 * const acl = xmlProperty('DAV:', 'acl')
 */
export function xmlProperty<const Namespace extends string, const Local extends string>(
  namespace: Namespace,
  local: Local,
): WritablePropertyCodec<XmlElement, LiteralQName<Namespace, Local>> {
  return defineProperty({
    namespace,
    local,
    decode: (element) => decoded(element),
    encode: (element: XmlElement) => element.children,
  })
}

/**
 * {@link xmlProperty} for a name you already hold, e.g. one found in an `allprop` answer.
 *
 * @example
 * for (const property of response.properties) decodeProperty(rawProperty(property.name), property)
 */
export function rawProperty<const Name extends QName>(
  name: Name,
): WritablePropertyCodec<XmlElement, LiteralQName<Name['namespace'], Name['local']>> {
  return xmlProperty(name.namespace, name.local)
}
