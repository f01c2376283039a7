import { etagMatches } from '../conditions/if-header.ts'
import type { Resource } from '../store/resource.ts'

function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

/**
 * Evaluates `If-Match`, `If-None-Match` and `If-Modified-Since` / `If-Unmodified-Since` (RFC 9110 section 13)
 * against the current resource: 412, 304 (for safe methods) or undefined when the request may go on.
 */
export function entityPrecondition(headers: Headers, resource: Resource | undefined, safe: boolean): 304 | 412 | undefined {
  const ifMatch = headers.get('If-Match')
  if (ifMatch !== null) {
    const tags = tagsOf(ifMatch)
    if (resource === undefined) return 412
    if (!tags.includes('*') && !tags.some((tag) => !tag.startsWith('W/') && etagMatches(tag, resource.etag))) return 412
  } else {
    const unmodified = headers.get('If-Unmodified-Since')
    if (unmodified !== null && resource !== undefined) {
      const since = Date.parse(unmodified)
      if (!Number.isNaN(since) && Math.floor(resource.modified.getTime() / 1000) > Math.floor(since / 1000)) return 412
    }
  }
  const ifNoneMatch = headers.get('If-None-Match')
  if (ifNoneMatch !== null) {
    const tags = tagsOf(ifNoneMatch)
    const matches = resource !== undefined && (tags.includes('*') || tags.some((tag) => etagMatches(tag, resource.etag)))
    if (matches) return safe ? 304 : 412
  } else if (safe && resource !== undefined) {
    const modifiedSince = headers.get('If-Modified-Since')
    if (modifiedSince !== null) {
      const since = Date.parse(modifiedSince)
      if (!Number.isNaN(since) && Math.floor(resource.modified.getTime() / 1000) <= Math.floor(since / 1000)) return 304
    }
  }
  return undefined
}
