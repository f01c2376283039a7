import type { CodecResult, QName, ResourceType, XmlElement } from '@davkit/types'
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
