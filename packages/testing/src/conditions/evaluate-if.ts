import type { RequestContext } from '../context.ts'
import { toStorePath, type StorePath } from '../store/paths.ts'
import { etagMatches, type IfCondition, type IfGroup } from './if-header.ts'

function conditionHolds(ctx: RequestContext, path: StorePath, condition: IfCondition): boolean {
  let holds: boolean
  if (condition.kind === 'etag') {
    const resource = ctx.state.store.get(path)
    holds = resource !== undefined && etagMatches(condition.value, resource.etag)
  } else {
    const lock = ctx.state.locks.get(condition.value)
    holds = lock !== undefined && ctx.state.locks.covering(path).includes(lock)
  }
  return condition.not ? !holds : holds
}

function resolveTag(ctx: RequestContext, resource: string): StorePath | undefined {
  let url: URL
  try {
    url = new URL(resource, ctx.url)
  } catch {
    return undefined
  }
  if (url.origin !== ctx.url.origin) return undefined
  const mapped = toStorePath(url.pathname, ctx.state.basePath)
  return mapped.ok ? mapped.path : undefined
}

/** Whether some untagged list holds for `path` (Apache checks them against the parent of a DELETE too); true without untagged lists. */
export function untaggedListsHoldFor(ctx: RequestContext, groups: readonly IfGroup[], path: StorePath): boolean {
  const untagged = groups.filter((group) => group.resource === undefined)
  if (untagged.length === 0) return true
  return untagged.some((group) => group.lists.some((list) => list.every((condition) => conditionHolds(ctx, path, condition))))
}

/**
 * Evaluates an `If` header (RFC 4918 section 10.4): true when at least one list holds,
 * untagged lists applying to the Request-URI and tagged lists to their resource.
 */
export function evaluateIf(ctx: RequestContext, groups: readonly IfGroup[]): boolean {
  return groups.some((group) => {
    const path = group.resource === undefined ? ctx.path : resolveTag(ctx, group.resource)
    if (path === undefined) return false
    return group.lists.some((list) => list.every((condition) => conditionHolds(ctx, path, condition)))
  })
}
