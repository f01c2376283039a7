import type { RequestContext } from '../context.ts'
import { davErrorResponse, plain } from '../responses.ts'
import { dav } from '../xml/xml-node.ts'

/** UNLOCK (RFC 4918 section 9.11): 204; 400 without `Lock-Token`; 409 `lock-token-matches-request-uri` when the token does not apply here. */
export function unlockMethod(ctx: RequestContext): Response {
  const header = ctx.request.headers.get('Lock-Token')
  const match = header === null ? null : /^\s*<([^>]+)>\s*$/.exec(header)
  const token = match?.[1]
  if (token === undefined) return plain(400, 'UNLOCK needs a Lock-Token header: <token>.\n')
  const lock = ctx.state.locks.get(token)
  if (lock === undefined || !ctx.state.locks.covering(ctx.path).includes(lock))
    return davErrorResponse(ctx, 409, [dav('lock-token-matches-request-uri')])
  ctx.state.locks.remove(token)
  return plain(204)
}
