import { blockingModify, blockingWrite, lockedParentMultistatus, lockedResponse } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { plain } from '../responses.ts'
import { rangedPutContent } from '../uploads/ranged-put.ts'
import { contentTypeFor } from '../store/content-type.ts'
import { entityPrecondition } from './entity-conditions.ts'
import { exceedsQuota } from './quota.ts'

/** PUT: creates (201) or replaces (204) a file; 409 without a parent, 405 on a collection, 412, 423 and 507 as due. */
export function put(ctx: RequestContext): Response {
  const { store } = ctx.state
  const name = ctx.path.at(-1)
  const existing = store.get(ctx.path)
  if (name === undefined || existing?.kind === 'collection')
    return plain(405, 'A collection cannot be replaced by PUT.\n', {
      Allow: 'OPTIONS, GET, HEAD, DELETE, PROPFIND, PROPPATCH, COPY, MOVE, LOCK, UNLOCK',
    })
  // RFC 9110 section 14.5: a server that does not take partial PUTs must not write the part as the whole.
  const range = ctx.request.headers.get('Content-Range')
  if (range !== null && !ctx.state.uploads.rangedPut) return plain(400, 'Partial PUT (Content-Range) is not supported.\n')
  // A plain PUT keeps nothing of a body that stopped early (Apache writes it to a temporary file);
  // a ranged PUT keeps what arrived of an existing file (Apache writes it in place) and leaves no new one.
  if (ctx.bodyCut && (range === null || existing === undefined)) return plain(400, 'The request body was cut.\n')
  if (store.parentCollection(ctx.path) === undefined) return plain(409, 'The parent collection does not exist.\n')
  const condition = entityPrecondition(ctx.request.headers, existing, false)
  if (condition !== undefined) return plain(412, 'Precondition Failed\n')
  // Replacing content changes the resource only; creating one changes its parent's membership too.
  const lock = existing === undefined ? blockingWrite(ctx, ctx.path) : blockingModify(ctx, ctx.path)
  if (lock !== undefined)
    return (existing === undefined ? lockedParentMultistatus(ctx, ctx.path, false) : undefined) ?? lockedResponse(ctx, lock)
  const previous = existing?.kind === 'file' ? existing.content : new Uint8Array()
  const ranged = range === null ? undefined : rangedPutContent(range, previous, ctx.body)
  if (ranged instanceof Response) return ranged
  const content = ranged ?? ctx.body.slice()
  if (exceedsQuota(ctx, content.byteLength, existing?.kind === 'file' ? existing.content.byteLength : 0))
    return plain(507, 'Insufficient Storage\n')
  const header = ctx.request.headers.get('Content-Type')
  if (existing !== undefined) {
    store.writeContent(existing, content, header === null ? undefined : contentTypeFor(name, header))
    return plain(204, undefined, { ETag: existing.etag })
  }
  const file = store.newFile(content, contentTypeFor(name, header))
  store.attach(ctx.path, file)
  return plain(201, 'Created\n', { ETag: file.etag })
}
