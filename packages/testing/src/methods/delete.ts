import { blockingMembership, blockingModify, lockedResponse, untaggedIfOnParent } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { parseDepth } from '../depth.ts'
import { multistatus, plain } from '../responses.ts'
import { entityPrecondition } from './entity-conditions.ts'
import { failureResponses, lockedMemberFailures, removeTree } from './remove-tree.ts'

/** DELETE: 204; a 207 listing locked members that could not be removed (the rest is removed), or Apache's 424 with nothing removed per dialect. */
export function deleteMethod(ctx: RequestContext): Response {
  const { store } = ctx.state
  const resource = store.get(ctx.path)
  if (resource === undefined) return plain(404, 'Not Found\n')
  if (ctx.path.length === 0) return plain(403, 'The root collection cannot be deleted.\n')
  const depth = parseDepth(ctx.request.headers.get('Depth'))
  if (resource.kind === 'collection' && depth !== undefined && depth !== 'infinity')
    return plain(400, 'DELETE of a collection needs Depth: infinity.\n')
  if (entityPrecondition(ctx.request.headers, resource, false) !== undefined) return plain(412, 'Precondition Failed\n')
  const parentRefused = untaggedIfOnParent(ctx)
  if (parentRefused !== undefined) return parentRefused
  const lock = blockingMembership(ctx, ctx.path) ?? blockingModify(ctx, ctx.path)
  if (lock !== undefined) return lockedResponse(ctx, lock)
  if (ctx.state.dialect.partialFailures === 'apache') {
    const locked = lockedMemberFailures(ctx, ctx.path)
    if (locked.length > 0) return multistatus(ctx, failureResponses(ctx, locked), 424)
  }
  const failures = removeTree(ctx, ctx.path)
  if (failures.length > 0) return multistatus(ctx, failureResponses(ctx, failures))
  return plain(204)
}
