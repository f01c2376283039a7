import type { RequestContext } from '../context.ts'
import { bytesOf } from '../store/resource.ts'

/** Whether adding `added` bytes and removing `removed` bytes would exceed the store's quota. */
export function exceedsQuota(ctx: RequestContext, added: number, removed: number): boolean {
  const quota = ctx.state.quotaBytes
  if (quota === undefined) return false
  return bytesOf(ctx.state.store.root) - removed + added > quota
}
