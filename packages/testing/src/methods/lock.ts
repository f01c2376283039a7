import { blockingMembership, lockedResponse } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { parseDepth } from '../depth.ts'
import { davErrorResponse, hrefElement, multistatus, plain, statusResponse, xmlResponse } from '../responses.ts'
import { propstatResponse } from './propstat.ts'
import { activeLock } from '../store/live-props.ts'
import type { Lock, LockScope } from '../store/lock-table.ts'
import { readXmlBody } from '../xml/request-body.ts'
import { childElements, dav, findChild, isDav, DAV_NS, type XmlElement } from '../xml/xml-node.ts'

/** Parses `Timeout` (RFC 4918 section 10.7): the first acceptable of `Second-N` / `Infinite`; undefined when absent or unusable. */
export function parseTimeout(header: string | null): number | 'infinite' | undefined {
  if (header === null) return undefined
  for (const part of header.split(',')) {
    const value = part.trim()
    if (/^infinite$/i.test(value)) return 'infinite'
    const seconds = /^second-(\d+)$/i.exec(value)
    if (seconds !== null) return Math.min(Number(seconds[1]), 2 ** 32 - 1)
  }
  return undefined
}

interface LockRequest {
  readonly scope: LockScope
  readonly owner: XmlElement | undefined
}

function readLockInfo(root: XmlElement): LockRequest | undefined {
  if (!isDav(root, 'lockinfo')) return undefined
  const scopeElement = findChild(root, DAV_NS, 'lockscope')
  const typeElement = findChild(root, DAV_NS, 'locktype')
  if (scopeElement === undefined || typeElement === undefined) return undefined
  const scopes = childElements(scopeElement)
  const scope = scopes.length === 1 && scopes[0] !== undefined && scopes[0].ns === DAV_NS ? scopes[0].local : undefined
  if (scope !== 'exclusive' && scope !== 'shared') return undefined
  const types = childElements(typeElement)
  if (types.length !== 1 || types[0] === undefined || !isDav(types[0], 'write')) return undefined
  return { scope, owner: findChild(root, DAV_NS, 'owner') }
}

function lockDiscoveryBody(ctx: RequestContext, lock: Lock): XmlElement {
  return dav('prop', [dav('lockdiscovery', [activeLock(ctx, lock)])])
}

/**
 * A depth-infinity lock that members' locks prevent (RFC 4918 section 9.10.9, as Apache answers it):
 * 207 with 424 for the lock on the Request-URI and 423 `no-conflicting-lock` for each member.
 */
function memberConflicts(ctx: RequestContext, conflicts: readonly Lock[]): Response {
  const isCollection = ctx.state.store.get(ctx.path)?.kind === 'collection'
  const responses: XmlElement[] = [propstatResponse(ctx, ctx.path, isCollection, [{ status: 424, prop: dav('lockdiscovery') }])]
  for (const lock of conflicts) {
    const memberIsCollection = ctx.state.store.get(lock.root)?.kind === 'collection'
    responses.push(
      statusResponse(ctx, lock.root, memberIsCollection, 423, [
        dav('no-conflicting-lock', [hrefElement(ctx, lock.root, memberIsCollection)]),
      ]),
    )
  }
  return multistatus(ctx, responses)
}

function refresh(ctx: RequestContext, timeout: number | 'infinite' | undefined): Response {
  if (ctx.request.headers.get('If') === null)
    return plain(400, 'A LOCK without a body refreshes a lock and needs an If header with its token.\n')
  const covering = ctx.state.locks.covering(ctx.path)
  const lock = covering.find((candidate) => ctx.submittedTokens.has(candidate.token))
  if (lock === undefined) return davErrorResponse(ctx, 412, [dav('lock-token-matches-request-uri')])
  ctx.state.locks.setTimeout(lock, timeout ?? lock.timeout)
  return xmlResponse(ctx, 200, lockDiscoveryBody(ctx, lock))
}

/**
 * LOCK (RFC 4918 section 9.10): exclusive or shared write locks, Depth 0 or infinity, timeouts,
 * refresh with an `If` header, and locks on unmapped URLs (which create an empty resource, 201).
 * Conflicts answer 423 with `no-conflicting-lock`.
 */
export function lockMethod(ctx: RequestContext): Response {
  const { store, locks } = ctx.state
  const depth = parseDepth(ctx.request.headers.get('Depth')) ?? 'infinity'
  if (depth === 'invalid' || depth === '1') return plain(400, 'LOCK needs Depth: 0 or infinity.\n')
  const timeout = parseTimeout(ctx.request.headers.get('Timeout'))
  const body = readXmlBody(ctx)
  if (body.kind === 'invalid') return body.response
  if (body.kind === 'empty') return refresh(ctx, timeout)
  const request = readLockInfo(body.root)
  if (request === undefined) return plain(400, 'The body of a LOCK must be a DAV:lockinfo with a lockscope and a write locktype.\n')

  const existing = store.get(ctx.path)
  if (existing === undefined) {
    if (store.parentCollection(ctx.path) === undefined) return plain(409, 'The parent collection does not exist.\n')
    const membership = blockingMembership(ctx, ctx.path)
    if (membership !== undefined) return lockedResponse(ctx, membership)
  }
  const lockDepth =
    existing?.kind === 'collection' && depth === 'infinity' ? 'infinity' : existing === undefined && depth === 'infinity' ? 'infinity' : '0'
  const conflicts = (candidates: readonly Lock[]): Lock[] =>
    candidates.filter((lock) => lock.scope === 'exclusive' || request.scope === 'exclusive')
  const conflict = conflicts(locks.covering(ctx.path))[0]
  if (conflict !== undefined) {
    const isCollection = store.get(conflict.root)?.kind === 'collection'
    return davErrorResponse(ctx, 423, [dav('no-conflicting-lock', [hrefElement(ctx, conflict.root, isCollection)])])
  }
  if (lockDepth === 'infinity') {
    const below = conflicts(locks.within(ctx.path).filter((lock) => lock.root.length > ctx.path.length))
    if (below.length > 0) return memberConflicts(ctx, below)
  }
  let status = 200
  if (existing === undefined) {
    store.attach(ctx.path, store.newFile(new Uint8Array(), 'application/octet-stream'))
    status = 201
  }
  const lock = locks.create(ctx.path, lockDepth, request.scope, request.owner, timeout ?? 'infinite')
  return xmlResponse(ctx, status, lockDiscoveryBody(ctx, lock), { 'Lock-Token': `<${lock.token}>` })
}
