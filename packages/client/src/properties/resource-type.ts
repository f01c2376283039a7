import type { CodecResult, PropertyResult, QName, ResourceType, XmlElement } from '@davkit/types'
import { decoded, undecodable } from './codec-result.ts'
import { isDavName } from './dav-name.ts'
import { ownText } from './element-children.ts'

/**
 * Reads `DAV:resourcetype`: the name of each child element, and whether `DAV:collection` is one
 * of them. An empty element is an ordinary (non-collection) resource. Text other than whitespace
 * is not allowed there (RFC 4918 section 15.9) and makes the value refused.
 */
export function parseResourceType(element: XmlElement): CodecResult<ResourceType> {
  const text = ownText(element)
  if (text !== '') return undecodable(`resourcetype holds text ${JSON.stringify(text)}, expected only elements`)
  const types: QName[] = []
  let collection = false
  for (const child of element.children) {
    if (child.kind !== 'element') continue
    types.push(child.name)
    if (isDavName(child.name, 'collection')) collection = true
  }
  return decoded({ collection, types })
}

/**
 * Whether a `resourcetype` outcome says "collection". Only a decoded value with `DAV:collection`
 * does: an empty, missing, failed or undecodable resourcetype is read as a non-collection
 * (RFC 4918 section 15.9 makes the property mandatory, and servers that leave it out serve files).
 *
 * @example
 * const props = decodeProperties({ type: davProps.resourcetype }, response.properties)
 * if (isCollection(props.type)) ...
 */
export function isCollection(result: PropertyResult<ResourceType>): boolean {
  return result.kind === 'value' && result.value.collection
}
