import { blockedMembers, blockingMembership, blockingModify, blockingWrite, lockedResponse } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { parseDepth } from '../depth.ts'
import { multistatus, plain } from '../responses.ts'
import { isWithin, type StorePath } from '../store/paths.ts'
import { bytesOf, cloneResource, type Resource } from '../store/resource.ts'
import { readDestination, readOverwrite } from './destination.ts'
import { exceedsQuota } from './quota.ts'
import { failureResponses, lockedMemberFailures, removeTree, type MemberFailure } from './remove-tree.ts'

type Transfer = 'COPY' | 'MOVE'

/**
 * Places a copy of `source` at `target`. Where `target` still holds resources (locked members that
 * an overwrite could not remove, and the collections holding them), those stay and the copy is merged
 * around them. Source members under `skip` are left out.
 */
function placeCopy(
  ctx: RequestContext,
  source: Resource,
  sourcePath: StorePath,
  target: StorePath,
  membersToo: boolean,
  keep: readonly StorePath[],
  skip: readonly StorePath[],
): void {
  const { store } = ctx.state
  if (skip.some((root) => isWithin(sourcePath, root))) return
  const existing = store.get(target)
  if (existing !== undefined && keep.some((root) => isWithin(target, root))) return
  if (existing?.kind === 'collection' && source.kind === 'collection') {
    existing.deadProps.clear()
    for (const [key, value] of source.deadProps) existing.deadProps.set(key, value)
    store.touch(existing)
  } else if (existing !== undefined) {
    // A collection kept because it holds locked members: a file cannot replace it (the members are reported).
    return
  } else {
    const copy = cloneResource(source, false)
    store.restampTree(copy, true)
    store.attach(target, copy)
  }
  if (membersToo && source.kind === 'collection') {
    for (const [name, child] of source.children) placeCopy(ctx, child, [...sourcePath, name], [...target, name], true, keep, skip)
  }
}

function transfer(ctx: RequestContext, kind: Transfer): Response {
  const { store, locks } = ctx.state
  const source = store.get(ctx.path)
  if (source === undefined) return plain(404, 'Not Found\n')
  const destination = readDestination(ctx)
  if (!destination.ok) return destination.response
  const target = destination.path
  const depth = parseDepth(ctx.request.headers.get('Depth')) ?? 'infinity'
  if (depth === 'invalid' || (source.kind === 'collection' && (depth === '1' || (kind === 'MOVE' && depth !== 'infinity')))) {
    return plain(400, `${kind} of a collection needs Depth: ${kind === 'MOVE' ? 'infinity' : '0 or infinity'}.\n`)
  }
  const overwrite = readOverwrite(ctx)
  if (overwrite === undefined) return plain(400, 'Overwrite must be T or F.\n')
  if (target.length === ctx.path.length && isWithin(target, ctx.path)) return plain(403, 'Source and destination are the same resource.\n')
  if (ctx.path.length === 0) return plain(403, `The root collection cannot be the source of ${kind}.\n`)
  if (source.kind === 'collection' && isWithin(target, ctx.path) && (kind === 'MOVE' || depth === 'infinity')) {
    return plain(403, 'A collection cannot be copied or moved into itself.\n')
  }
  if (isWithin(ctx.path, target)) return plain(403, 'The destination contains the source: overwriting it would destroy the source.\n')
  if (store.parentCollection(target) === undefined) return plain(409, 'The destination collection does not exist.\n')
  const existing = store.get(target)
  if (existing !== undefined && !overwrite) return plain(412, 'The destination exists and Overwrite is F.\n')

  if (kind === 'MOVE') {
    const sourceLock = blockingMembership(ctx, ctx.path) ?? blockingModify(ctx, ctx.path)
    if (sourceLock !== undefined) return lockedResponse(ctx, sourceLock)
  }
  const targetLock = blockingWrite(ctx, target)
  if (targetLock !== undefined) return lockedResponse(ctx, targetLock)
  const copiedBytes = depth === 'infinity' || source.kind === 'file' ? bytesOf(source) : 0
  if (kind === 'COPY' && exceedsQuota(ctx, copiedBytes, existing === undefined ? 0 : bytesOf(existing)))
    return plain(507, 'Insufficient Storage\n')

  if (ctx.state.dialect.partialFailures === 'apache') {
    const locked = [
      ...(existing === undefined ? [] : lockedMemberFailures(ctx, target)),
      ...(kind === 'MOVE' ? lockedMemberFailures(ctx, ctx.path) : []),
    ]
    if (locked.length > 0) return multistatus(ctx, failureResponses(ctx, locked), 424)
  }
  const failures: MemberFailure[] = []
  let keep: StorePath[] = []
  if (existing !== undefined) {
    const removal = removeTree(ctx, target)
    failures.push(...removal)
    keep = removal.map((failure) => failure.path)
  }
  const sourceBlocked = kind === 'MOVE' ? blockedMembers(ctx, ctx.path) : []
  if (kind === 'MOVE' && keep.length === 0 && sourceBlocked.length === 0) {
    // The whole subtree moves: same objects (creation dates and dead properties kept), locks stay behind.
    const moved = store.detach(ctx.path)
    locks.removeWithin(ctx.path)
    if (moved !== undefined) {
      store.restampTree(moved, false)
      store.attach(target, moved)
    }
  } else {
    const skip = sourceBlocked.map((lock) => lock.root)
    placeCopy(ctx, source, ctx.path, target, depth === 'infinity' || source.kind === 'file', keep, skip)
    if (kind === 'MOVE') failures.push(...removeTree(ctx, ctx.path))
  }
  if (failures.length > 0) return multistatus(ctx, failureResponses(ctx, failures))
  return existing === undefined ? plain(201, 'Created\n') : plain(204)
}

/** COPY (RFC 4918 section 9.8): Depth 0 or infinity, Overwrite, 201/204, 207 listing members that failed. */
export function copyMethod(ctx: RequestContext): Response {
  return transfer(ctx, 'COPY')
}

/** MOVE (RFC 4918 section 9.9): like COPY then DELETE of the source; locks do not move. */
export function moveMethod(ctx: RequestContext): Response {
  return transfer(ctx, 'MOVE')
}
