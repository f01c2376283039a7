import type { ServerState } from '../context.ts'
import { handleNextcloudChunking } from './nextcloud-chunking.ts'
import { handleTus, tusOptionsHeaders } from './tus.ts'
import type { UploadRequest } from './upload-request.ts'

/** The answer of an upload mechanism that is switched on and owns this request, before the store's path mapping. */
export function handleUploadMechanisms(req: UploadRequest): Response | Promise<Response> | undefined {
  return handleNextcloudChunking(req) ?? handleTus(req)
}

/**
 * Adds what `OPTIONS` shows of the TUS and Nextcloud mechanisms that are on: the `Tus-*` headers,
 * and `nextcloud-checksum-update` in `DAV`, a token Nextcloud's own `OPTIONS` lists (the client
 * reads it, with the `/remote.php/dav/files/<user>/` URL, as "this is Nextcloud").
 */
export function withUploadOptionsHeaders(state: ServerState, response: Response): Response {
  if (state.uploads.tus) for (const [name, value] of Object.entries(tusOptionsHeaders())) response.headers.set(name, value)
  if (state.uploads.nextcloudUploadsPath !== undefined) {
    const dav = response.headers.get('DAV')
    response.headers.set('DAV', dav === null || dav === '' ? 'nextcloud-checksum-update' : `${dav}, nextcloud-checksum-update`)
  }
  return response
}
