import type { CodecResult, LiteralQName, WritablePropertyCodec, XmlElement, XmlNode } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { decoded, undecodable } from './codec-result.ts'
import { formatName, isDavName } from './dav-name.ts'
import { childElements, ownText } from './element-children.ts'
import { defineProperty } from './define-property.ts'

/** The trimmed text of every `DAV:href` child, in order; any other child, text or an empty href is refused. */
function readHrefs(element: XmlElement): CodecResult<string[]> {
  const text = ownText(element)
  if (text !== '') return undecodable(`${element.name.local} holds text ${JSON.stringify(text)}, expected DAV:href elements`)
  const hrefs: string[] = []
  for (const child of childElements(element)) {
    if (!isDavName(child.name, 'href')) return undecodable(`${element.name.local} holds ${formatName(child.name)}, expected DAV:href`)
    const href = textOf(child).trim()
    if (href === '') return undecodable(`${element.name.local} has an empty href`)
    hrefs.push(href)
  }
  return decoded(hrefs)
}

function hrefNodes(hrefs: readonly string[]): readonly XmlNode[] {
  return hrefs.map((href) => ({
    kind: 'element',
    name: { namespace: 'DAV:', local: 'href' },
    attributes: [],
    children: [{ kind: 'text', text: href }],
  }))
}

/**
 * A codec for a property holding any number of `DAV:href` elements (CalDAV `calendar-home-set`,
 * `calendar-user-address-set`, ACL `group-member-set`, ...): the hrefs as sent, trimmed, in order,
 * not resolved against the request URL (resolve them with `resolveHref` when needed). An empty
 * property is an empty list; text or another element beside the hrefs is refused.
 *
 * @example
 * const addresses = hrefsProperty('urn:ietf:params:xml:ns:caldav', 'calendar-user-address-set')
 */
export function hrefsProperty<const Namespace extends string, const Local extends string>(
  namespace: Namespace,
  local: Local,
): WritablePropertyCodec<readonly string[], LiteralQName<Namespace, Local>> {
  return defineProperty({ namespace, local, decode: readHrefs, encode: hrefNodes })
}

/**
 * A codec for a property holding exactly one `DAV:href` (RFC 3744 `principal-URL`, CalDAV
 * `schedule-inbox-URL`, ...): the href as sent, trimmed. None or several are refused.
 *
 * @example
 * const principal = hrefProperty('DAV:', 'principal-URL')
 */
export function hrefProperty<const Namespace extends string, const Local extends string>(
  namespace: Namespace,
  local: Local,
): WritablePropertyCodec<string, LiteralQName<Namespace, Local>> {
  return defineProperty({
    namespace,
    local,
    decode: (element) => {
      const hrefs = readHrefs(element)
      if (!hrefs.ok) return hrefs
      const [href, ...others] = hrefs.value
      if (href === undefined) return undecodable(`${local} holds no href`)
      if (others.length > 0) return undecodable(`${local} holds ${hrefs.value.length} hrefs, expected one`)
      return decoded(href)
    },
    encode: (href: string) => hrefNodes([href]),
  })
}
