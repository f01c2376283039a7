import { blockedMembers } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { lockTokenSubmitted, statusResponse } from '../responses.ts'
import { isWithin, type StorePath } from '../store/paths.ts'
import type { Resource } from '../store/resource.ts'
import type { XmlElement } from '../xml/xml-node.ts'

/** A member that could not be removed, and why, for a 207 body. */
export interface MemberFailure {
  readonly path: StorePath
  readonly isCollection: boolean
  readonly status: number
  readonly error?: readonly XmlElement[]
}

/** The members below `path` that a removal would have to leave because of locks whose tokens were not submitted. */
export function lockedMemberFailures(ctx: RequestContext, path: StorePath): MemberFailure[] {
  return blockedMembers(ctx, path).map((lock) => {
    const isCollection = ctx.state.store.get(lock.root)?.kind === 'collection'
    return { path: lock.root, isCollection, status: 423, error: [lockTokenSubmitted(ctx, [{ path: lock.root, isCollection }])] }
  })
}

/**
 * Removes a subtree as RFC 4918 section 9.6.1 allows when some members are locked: every member whose
 * removal is allowed goes, locked members (and the collections holding them) stay and
 * are reported. Locks rooted on removed resources are dropped.
 */
export function removeTree(ctx: RequestContext, path: StorePath): MemberFailure[] {
  const { store, locks } = ctx.state
  const failures = lockedMemberFailures(ctx, path)
  if (failures.length === 0) {
    store.detach(path)
    locks.removeWithin(path)
    return []
  }
  const keep = failures.map((failure) => failure.path)
  const prune = (current: StorePath, resource: Resource): void => {
    if (keep.some((root) => isWithin(current, root))) return
    if (!keep.some((root) => isWithin(root, current))) {
      store.detach(current)
      locks.removeWithin(current)
      return
    }
    if (resource.kind === 'collection') for (const [name, child] of [...resource.children]) prune([...current, name], child)
  }
  const resource = store.get(path)
  if (resource !== undefined) prune(path, resource)
  return failures
}

/** `DAV:response` elements for member failures. */
export function failureResponses(ctx: RequestContext, failures: readonly MemberFailure[]): XmlElement[] {
  return failures.map((failure) => statusResponse(ctx, failure.path, failure.isCollection, failure.status, failure.error))
}
