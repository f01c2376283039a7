import { blockingWrite, lockedParentMultistatus, lockedResponse } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { plain } from '../responses.ts'

/** MKCOL: 201; 405 when the URL is mapped, 409 without a parent collection, 415 with a body, 423 when locked. */
export function mkcol(ctx: RequestContext): Response {
  const { store } = ctx.state
  if (store.get(ctx.path) !== undefined)
    return plain(405, 'The resource already exists.\n', {
      Allow: 'OPTIONS, GET, HEAD, DELETE, PROPFIND, PROPPATCH, COPY, MOVE, LOCK, UNLOCK',
    })
  if (ctx.body.byteLength > 0) return plain(415, 'MKCOL with a body is not supported.\n')
  if (store.parentCollection(ctx.path) === undefined) return plain(409, 'The parent collection does not exist.\n')
  const lock = blockingWrite(ctx, ctx.path)
  if (lock !== undefined) return lockedParentMultistatus(ctx, ctx.path, true) ?? lockedResponse(ctx, lock)
  store.attach(ctx.path, store.newCollection())
  return plain(201, 'Created\n')
}
