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

/**
 * OPTIONS: `DAV: 1, 2` (classes 1 and 2) and the allowed methods, for any URL of the store, with
 * the tokens of the upload mechanisms offered: Apache's `<http://apache.org/dav/propset/fs/1>`
 * for ranged `PUT`, `sabredav-partialupdate` (and `PATCH` allowed) for SabreDAV's partial update;
 * the `Tus-*` headers and a Nextcloud token for TUS and Nextcloud chunking (`withUploadOptionsHeaders`).
 */
export function options(ctx: RequestContext): Response {
  const { uploads } = ctx.state
  const dav = [
    '1',
    '2',
    ...(uploads.rangedPut ? ['<http://apache.org/dav/propset/fs/1>'] : []),
    ...(uploads.sabrePatch ? ['sabredav-partialupdate'] : []),
  ]
  const allow = [...ALLOWED_METHODS, ...(uploads.sabrePatch ? ['PATCH'] : [])]
  return withUploadOptionsHeaders(
    ctx.state,
    new Response(null, {
      status: 200,
      statusText: 'OK',
      headers: { DAV: dav.join(', '), Allow: allow.join(', '), 'MS-Author-Via': 'DAV', 'Content-Length': '0' },
    }),
  )
}
