import type { RequestContext } from '../context.ts'
import { hrefElement } from '../responses.ts'
import { dav, text, type XmlElement, type XmlNode } from '../xml/xml-node.ts'
import { syncRevisionOf } from './change-log.ts'
import type { Lock } from './lock-table.ts'
import type { StorePath } from './paths.ts'
import { bytesOf, type Resource } from './resource.ts'

/** A live property of the `DAV:` namespace, computed from the store. */
export interface LiveProperty {
  readonly local: string
  /** Protected properties cannot be changed by PROPPATCH (403 `cannot-modify-protected-property`). */
  readonly protected: boolean
  /** Whether `allprop` returns it (RFC 4918 section 9.1: not quota, sync-token, principal). */
  readonly allprop: boolean
  /** The value as child nodes, or undefined when the resource does not have it. */
  value(ctx: RequestContext, path: StorePath, resource: Resource): XmlNode[] | undefined
}

/** ISO 8601 without fractions, like Apache (`2026-01-02T03:04:05Z`). */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function timeoutValue(remaining: number | 'infinite'): string {
  return remaining === 'infinite' ? 'Infinite' : `Second-${remaining}`
}

/** A `DAV:activelock` describing a lock (for lockdiscovery and LOCK responses). */
export function activeLock(ctx: RequestContext, lock: Lock): XmlElement {
  const isCollection = ctx.state.store.get(lock.root)?.kind === 'collection'
  const children: XmlNode[] = [
    dav('locktype', [dav('write')]),
    dav('lockscope', [dav(lock.scope)]),
    dav('depth', [text(lock.depth === '0' ? '0' : 'infinity')]),
  ]
  if (lock.owner !== undefined) children.push(lock.owner)
  children.push(
    dav('timeout', [text(timeoutValue(ctx.state.locks.remaining(lock)))]),
    dav('locktoken', [dav('href', [text(lock.token)])]),
    dav('lockroot', [hrefElement(ctx, lock.root, isCollection)]),
  )
  return dav('activelock', children)
}

/** The sync token naming a revision of this server. */
export function syncToken(ctx: RequestContext, revision: number): string {
  return `${ctx.state.syncTokenPrefix}${revision}`
}

/** Every live property this server computes. */
export const LIVE_PROPERTIES: readonly LiveProperty[] = [
  { local: 'creationdate', protected: true, allprop: true, value: (_ctx, _path, resource) => [text(isoDate(resource.created))] },
  {
    local: 'displayname',
    protected: false,
    allprop: true,
    value: (_ctx, path) => [text(path.at(-1) ?? '')],
  },
  {
    local: 'getcontentlength',
    protected: true,
    allprop: true,
    value: (_ctx, _path, resource) => (resource.kind === 'file' ? [text(String(resource.content.byteLength))] : undefined),
  },
  {
    local: 'getcontenttype',
    protected: false,
    allprop: true,
    value: (_ctx, _path, resource) => (resource.kind === 'file' ? [text(resource.contentType)] : undefined),
  },
  { local: 'getetag', protected: true, allprop: true, value: (_ctx, _path, resource) => [text(resource.etag)] },
  { local: 'getlastmodified', protected: true, allprop: true, value: (_ctx, _path, resource) => [text(resource.modified.toUTCString())] },
  {
    local: 'resourcetype',
    protected: true,
    allprop: true,
    value: (_ctx, _path, resource) => (resource.kind === 'collection' ? [dav('collection')] : []),
  },
  {
    local: 'supportedlock',
    protected: true,
    allprop: true,
    value: () =>
      (['exclusive', 'shared'] as const).map((scope) =>
        dav('lockentry', [dav('lockscope', [dav(scope)]), dav('locktype', [dav('write')])]),
      ),
  },
  {
    local: 'lockdiscovery',
    protected: true,
    allprop: true,
    value: (ctx, path) => ctx.state.locks.covering(path).map((lock) => activeLock(ctx, lock)),
  },
  {
    local: 'quota-used-bytes',
    protected: true,
    allprop: false,
    value: (_ctx, _path, resource) => (resource.kind === 'collection' ? [text(String(bytesOf(resource)))] : undefined),
  },
  {
    local: 'quota-available-bytes',
    protected: true,
    allprop: false,
    value: (ctx, _path, resource) => {
      const quota = ctx.state.quotaBytes
      if (resource.kind !== 'collection' || quota === undefined) return undefined
      return [text(String(Math.max(0, quota - bytesOf(ctx.state.store.root))))]
    },
  },
  {
    local: 'sync-token',
    protected: true,
    allprop: false,
    value: (ctx, path, resource) =>
      resource.kind === 'collection' ? [text(syncToken(ctx, syncRevisionOf(ctx.state.store, path, resource)))] : undefined,
  },
  {
    local: 'current-user-principal',
    protected: true,
    allprop: false,
    value: (ctx) => {
      const principal = ctx.state.principal
      return principal === undefined ? [dav('unauthenticated')] : [dav('href', [text(principal)])]
    },
  },
]

/** Live properties by local name (all in `DAV:`). */
export const LIVE_BY_NAME: ReadonlyMap<string, LiveProperty> = new Map(LIVE_PROPERTIES.map((property) => [property.local, property]))
