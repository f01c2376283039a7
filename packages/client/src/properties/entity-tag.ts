import type { CodecResult, EntityTag } from '@davkit/types'
import { decoded, undecodable } from './codec-result.ts'

/**
 * Reads an entity tag as servers send it in `DAV:getetag`: quoted (`"abc"`), weak (`W/"abc"`),
 * or unquoted (`abc`, seen from Seafile and others), with whitespace around it ignored. The
 * `&quot;` escapes some servers use are already decoded by the XML parser. An empty tag, or one
 * with an opening quote and no closing one, is refused.
 *
 * @example
 * parseEntityTag('W/"226//trunk"') // { ok: true, value: { weak: true, value: '226//trunk', raw: 'W/"226//trunk"' } }
 */
export function parseEntityTag(text: string): CodecResult<EntityTag> {
  const trimmed = text.trim()
  const weak = trimmed.startsWith('W/') || trimmed.startsWith('w/')
  const tag = weak ? trimmed.slice(2) : trimmed
  if (tag === '') return undecodable(weak ? 'weak entity tag without an opaque tag' : 'empty entity tag')
  let value = tag
  if (tag.startsWith('"')) {
    if (tag.length < 2 || !tag.endsWith('"')) return undecodable(`entity tag ${JSON.stringify(text)} has an unbalanced quote`)
    value = tag.slice(1, -1)
  }
  return decoded({ weak, value, raw: text })
}

/**
 * The entity tag as it goes into an `If-Match` or `If-None-Match` header or an `If` header's
 * `[...]`: `"value"` or `W/"value"`, quoted even when the server sent it unquoted.
 *
 * @example
 * if (etag.kind === 'value') headers['If-Match'] = formatEntityTag(etag.value)
 */
export function formatEntityTag(tag: Pick<EntityTag, 'weak' | 'value'>): string {
  return `${tag.weak ? 'W/' : ''}"${tag.value}"`
}
