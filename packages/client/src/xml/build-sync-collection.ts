import type { QName } from '@davkit/types'
import { buildXmlDocument, dav, element, text } from './build-document.ts'

/** What a sync-collection REPORT asks for (RFC 6578 section 6.1). */
export interface SyncCollectionBodyRequest {
  /** The token of the previous sync; empty or undefined for an initial sync. */
  readonly token: string | undefined
  readonly level: 1 | 'infinite'
  /** Properties to report for each changed member. */
  readonly names: readonly QName[]
  /** `DAV:limit/DAV:nresults`, when given. */
  readonly limit?: number | undefined
}

/**
 * The `DAV:sync-collection` body: `sync-token`, `sync-level`, an optional `limit`, then `prop`,
 * in the order of the RFC's DTD.
 *
 * @example
 * buildSyncCollectionBody({ token: undefined, level: 1, names: [{ namespace: 'DAV:', local: 'getetag' }] })
 */
export function buildSyncCollectionBody(request: SyncCollectionBodyRequest): string {
  const token = request.token ?? ''
  return buildXmlDocument(
    element(dav('sync-collection'), [
      element(dav('sync-token'), token === '' ? [] : [text(token)]),
      element(dav('sync-level'), [text(String(request.level))]),
      ...(request.limit === undefined ? [] : [element(dav('limit'), [element(dav('nresults'), [text(String(request.limit))])])]),
      element(
        dav('prop'),
        request.names.map((name) => element(name)),
      ),
    ]),
  )
}
