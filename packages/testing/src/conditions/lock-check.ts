import type { RequestContext } from '../context.ts'
import { lockTokenSubmitted, davErrorResponse } from '../responses.ts'
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

/** 423 Locked with `DAV:lock-token-submitted` naming the lock's root. */
export function lockedResponse(ctx: RequestContext, lock: Lock): Response {
  const isCollection = ctx.state.store.get(lock.root)?.kind === 'collection'
  return davErrorResponse(ctx, 423, [lockTokenSubmitted(ctx, [{ path: lock.root, isCollection }])])
}
