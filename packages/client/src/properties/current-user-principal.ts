import type { CodecResult, CurrentUserPrincipal, XmlElement } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { decoded, undecodable } from './codec-result.ts'
import { formatName, isDavName } from './dav-name.ts'
import { childElements } from './element-children.ts'

/**
 * Reads `DAV:current-user-principal` (RFC 5397 section 3): a `DAV:href` (its text trimmed, not
 * resolved against the request URL) or `DAV:unauthenticated`.
 */
export function parseCurrentUserPrincipal(element: XmlElement): CodecResult<CurrentUserPrincipal> {
  const [child] = childElements(element)
  if (child === undefined) return undecodable('current-user-principal is empty, expected href or unauthenticated')
  if (isDavName(child.name, 'unauthenticated')) return decoded({ kind: 'unauthenticated' })
  if (isDavName(child.name, 'href')) {
    const href = textOf(child).trim()
    if (href === '') return undecodable('current-user-principal has an empty href')
    return decoded({ kind: 'href', href })
  }
  return undecodable(`current-user-principal holds ${formatName(child.name)}, expected href or unauthenticated`)
}
