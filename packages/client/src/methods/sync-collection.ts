import type {
  MultiStatusResponse,
  PropertyResults,
  PropRequest,
  PropfindResource,
  QName,
  RawProperty,
  ResourceHref,
  SyncLevel,
  SyncResult,
} from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { UndecodableResponseError } from '../errors/undecodable-response-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { propertiesDecoder } from '../properties/decode-property.ts'
import { buildSyncCollectionBody } from '../xml/build-sync-collection.ts'
import type { MethodContext } from './method-context.ts'
import { sendAndRead, statusError, undecodableError } from './read-dav-answer.ts'

/** Options of a sync-collection REPORT. */
export interface SyncCollectionOptions<P extends PropRequest> extends RequestOptions {
  /** The token of the previous sync; omit it (or pass `''`) for the initial sync, which lists every member. */
  readonly token?: string | undefined
  /** Properties to report for each changed member, by the keys of the result. */
  readonly props: P
  /** `1` (the default): direct members only; `'infinite'`: the whole tree. */
  readonly level?: SyncLevel
  /** At most this many results (`DAV:limit`); the server may also truncate on its own. */
  readonly limit?: number
}

const hasCondition = (error: { conditions: readonly { name: QName }[] } | undefined, local: string): boolean =>
  error?.conditions.some((c) => c.name.namespace === 'DAV:' && c.name.local === local) ?? false

function uniqueNames(codecs: PropRequest): QName[] {
  const names: QName[] = []
  for (const codec of Object.values(codecs)) {
    if (!names.some((n) => n.namespace === codec.name.namespace && n.local === codec.name.local)) names.push(codec.name)
  }
  return names
}

/** Whether a response is the 507 that marks a truncated result (RFC 6578 section 3.6). */
function isTruncation(response: MultiStatusResponse): boolean {
  if (response.kind !== 'status' || response.status.kind !== 'status') return false
  return response.status.code === 507 || hasCondition(response.error, 'number-of-matches-within-limits')
}

/**
 * REPORT `DAV:sync-collection` (RFC 6578): what changed in a collection since a sync token.
 * Changed members come with the requested properties decoded, removed ones (404) as hrefs. A
 * truncated answer (507 `number-of-matches-within-limits`) is `truncated: true`: continue from
 * the returned token. A refused token (`valid-sync-token`) is `invalid-token`: sync from scratch.
 *
 * @example
 * let token: string | undefined
 * const sync = await syncCollection(dav, 'Documents/', { token, props: { etag: davGetEtag } })
 * if (sync.kind === 'invalid-token') token = undefined
 * else { apply(sync.changed, sync.removed); token = sync.token }
 */
export async function syncCollection<const P extends PropRequest>(
  context: MethodContext,
  target: DavTarget,
  options: SyncCollectionOptions<P>,
): Promise<SyncResult<P>> {
  const level = options.level ?? 1
  if (level !== 1 && level !== 'infinite') throw new InvalidRequestError(`sync level must be 1 or 'infinite'`)
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit <= 0)) {
    throw new InvalidRequestError('sync limit must be a positive integer')
  }
  const names = uniqueNames(options.props)
  if (names.length === 0) throw new InvalidRequestError('sync-collection props must name at least one property')
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  headers.set('depth', '0')
  const body = buildSyncCollectionBody({ token: options.token, level, names, limit: options.limit })
  const { response, reading } = await sendAndRead(
    context,
    { method: 'REPORT', url, headers, body, signal: options.signal },
    (decoded) => decoded,
  )
  const { status, attempts } = response
  if (reading.kind === 'dav-error' && hasCondition(reading.error, 'valid-sync-token')) {
    return { kind: 'invalid-token', error: reading.error, status, attempts }
  }
  if (status < 200 || status >= 300) throw statusError(response, reading)
  if (reading.kind !== 'multistatus') throw undecodableError(response, reading)
  const { multistatus } = reading
  const token = multistatus.syncToken?.trim()
  if (token === undefined || token === '') {
    throw new UndecodableResponseError(`REPORT ${response.summary.url}: sync-collection answer without a DAV:sync-token`, {
      request: response.request,
      response: response.summary,
      attempts,
      failure: { code: 'unexpected-root', root: { namespace: 'DAV:', local: 'multistatus' } },
    })
  }
  const changed: PropfindResource<P>[] = []
  const removed: ResourceHref[] = []
  const other: MultiStatusResponse[] = []
  let truncated = false
  const decode = propertiesDecoder(options.props) as (properties: readonly RawProperty[]) => PropertyResults<P>
  for (const r of multistatus.responses) {
    if (r.kind === 'propstat') {
      changed.push({
        kind: 'resource',
        href: r.href,
        props: decode(r.properties),
        properties: r.properties,
        error: r.error,
        description: r.description,
        location: r.location,
      })
    } else if (r.kind === 'status' && r.status.kind === 'status' && r.status.code === 404) {
      removed.push(...r.hrefs)
    } else if (isTruncation(r)) {
      truncated = true
    } else {
      other.push(r)
    }
  }
  return { kind: 'changes', token, changed, removed, truncated, other, status, attempts }
}
