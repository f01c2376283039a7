import type { RequestContext } from '../context.ts'
import { lockTokenSubmitted, davErrorResponse, multistatus, statusResponse } from '../responses.ts'
import { untaggedListsHoldFor } from './evaluate-if.ts'
import { parseIfHeader } from './if-header.ts'
import type { Lock } from '../store/lock-table.ts'
import { parentOf, type StorePath } from '../store/paths.ts'

/** The first lock of a group none of whose tokens was submitted (any one token of a group unlocks it). */
function unsatisfied(ctx: RequestContext, locks: readonly Lock[]): Lock | undefined {
  if (locks.length === 0) return undefined
  return locks.some((lock) => ctx.submittedTokens.has(lock.token)) ? undefined : locks[0]
}

/** A lock that forbids changing the resource at `path` (its content or properties) without a submitted token. */
export function blockingModify(ctx: RequestContext, path: StorePath): Lock | undefined {
  return unsatisfied(ctx, ctx.state.locks.covering(path))
}

/** A lock that forbids adding or removing `path` as a member of its parent collection. */
export function blockingMembership(ctx: RequestContext, path: StorePath): Lock | undefined {
  if (path.length === 0) return undefined
  return unsatisfied(ctx, ctx.state.locks.covering(parentOf(path)))
}

/** A lock that forbids creating, replacing or modifying `path`: the parent's membership or the resource itself. */
export function blockingWrite(ctx: RequestContext, path: StorePath): Lock | undefined {
  return blockingMembership(ctx, path) ?? blockingModify(ctx, path)
}

/** Locks rooted strictly below `path` whose tokens were not submitted (members that cannot be removed). */
export function blockedMembers(ctx: RequestContext, path: StorePath): Lock[] {
  const below = ctx.state.locks.within(path).filter((lock) => lock.root.length > path.length)
  const byRoot = new Map<string, Lock[]>()
  for (const lock of below) {
    const key = lock.root.join('/')
    byRoot.set(key, [...(byRoot.get(key) ?? []), lock])
  }
  const blocked: Lock[] = []
  for (const group of byRoot.values()) {
    const lock = unsatisfied(ctx, group)
    if (lock !== undefined) blocked.push(lock)
  }
  return blocked
}

/**
 * Apache's answer to a new member refused by a lock on its parent collection: a 207 naming the
 * member 424 and the parent 423; `undefined` in other dialects or when the lock is not the parent's.
 */
export function lockedParentMultistatus(ctx: RequestContext, path: StorePath, isCollection: boolean): Response | undefined {
  if (ctx.state.dialect.partialFailures !== 'apache' || blockingMembership(ctx, path) === undefined) return undefined
  return multistatus(ctx, [statusResponse(ctx, path, isCollection, 424), statusResponse(ctx, parentOf(path), true, 423)])
}

/**
 * Apache applies untagged `If` lists to the parent of a DELETE as well: where none holds there
 * (a lock token that is not the parent's), a 424 naming the parent 412. `undefined` otherwise.
 */
export function untaggedIfOnParent(ctx: RequestContext): Response | undefined {
  const header = ctx.request.headers.get('If')
  if (ctx.state.dialect.partialFailures !== 'apache' || header === null || ctx.path.length === 0) return undefined
  const parsed = parseIfHeader(header)
  if (!parsed.ok || untaggedListsHoldFor(ctx, parsed.groups, parentOf(ctx.path))) return undefined
  return multistatus(ctx, [statusResponse(ctx, parentOf(ctx.path), true, 412)], 424)
}

/** 423 Locked with `DAV:lock-token-submitted` naming the lock's root. */
export function lockedResponse(ctx: RequestContext, lock: Lock): Response {
  const isCollection = ctx.state.store.get(lock.root)?.kind === 'collection'
  return davErrorResponse(ctx, 423, [lockTokenSubmitted(ctx, [{ path: lock.root, isCollection }])])
}
