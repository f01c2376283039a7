import type { LockScope, XmlNode } from '@davkit/types'
import { buildXmlDocument, dav, element, text } from './build-document.ts'

/** What a new lock asks for (RFC 4918 section 14.11). */
export interface LockBodyRequest {
  readonly scope: LockScope
  /** `DAV:owner` content: text, or XML children such as a `DAV:href`. Omitted when undefined. */
  readonly owner?: string | readonly XmlNode[] | undefined
}

/**
 * The `DAV:lockinfo` body of a LOCK that creates a write lock.
 *
 * @example
 * buildLockBody({ scope: 'exclusive', owner: 'alice' })
 */
export function buildLockBody(request: LockBodyRequest): string {
  const owner =
    request.owner === undefined ? [] : [element(dav('owner'), typeof request.owner === 'string' ? [text(request.owner)] : request.owner)]
  return buildXmlDocument(
    element(dav('lockinfo'), [
      element(dav('lockscope'), [element(dav(request.scope))]),
      element(dav('locktype'), [element(dav('write'))]),
      ...owner,
    ]),
  )
}
