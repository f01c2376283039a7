import type { RequestContext } from '../context.ts'
import { withUploadOptionsHeaders } from '../uploads/upload-routes.ts'

/** The methods this server implements, for `Allow`. */
export const ALLOWED_METHODS: readonly string[] = [
  'OPTIONS',
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'MKCOL',
  'PROPFIND',
  'PROPPATCH',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'REPORT',
]

/** OPTIONS: `DAV: 1, 2` (classes 1 and 2) and the allowed methods, for any URL of the store. */
export function options(ctx: RequestContext): Response {
  return withUploadOptionsHeaders(ctx.state, optionsAnswer())
}

function optionsAnswer(): Response {
  return new Response(null, {
    status: 200,
    statusText: 'OK',
    headers: { DAV: '1, 2', Allow: ALLOWED_METHODS.join(', '), 'MS-Author-Via': 'DAV', 'Content-Length': '0' },
  })
}
