import type { DavCondition, DavError, XmlElement } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { DAV_NAMESPACE } from '../xml/xml-namespaces.ts'

/**
 * Decodes a `DAV:error` element (RFC 4918 section 16): each child element is a condition,
 * identified by its QName (`DAV:` conditions and server-specific ones such as sabre's
 * `s:exception` alike), with the `DAV:href` values found anywhere inside it (trimmed), such as
 * the locks of `lock-token-submitted`. Text between conditions is ignored.
 *
 * @example
 * ```ts
 * const error = decodeDavError(parseXmlDocument(body))
 * error.conditions.some((c) => c.name.namespace === 'DAV:' && c.name.local === 'lock-token-submitted')
 * ```
 */
export function decodeDavError(element: XmlElement): DavError {
  const conditions: DavCondition[] = []
  for (const child of element.children) {
    if (child.kind !== 'element') continue
    const hrefs: string[] = []
    collectHrefs(child, hrefs)
    conditions.push({ name: child.name, element: child, hrefs })
  }
  return { conditions }
}

function collectHrefs(element: XmlElement, hrefs: string[]): void {
  for (const child of element.children) {
    if (child.kind !== 'element') continue
    if (child.name.local === 'href' && child.name.namespace === DAV_NAMESPACE) hrefs.push(textOf(child).trim())
    else collectHrefs(child, hrefs)
  }
}
