import type { UploadMechanismDriver } from './upload-mechanism.ts'
import { firstPutHeaders, partialWriteUpload } from './partial-write-upload.ts'

/** The `DAV` URI by which Apache mod_dav_fs shows itself; it takes `PUT` with `Content-Range`. */
export const APACHE_DAV_FS = '<http://apache.org/dav/propset/fs/1>'

/**
 * `PUT` with `Content-Range: bytes a-b/total` (`/*` while the size is unknown), as Apache mod_dav
 * takes it: the range is written in place, a cut request keeps the bytes that arrived, the total
 * is not checked (the file is never truncated by a ranged `PUT`, hence the plain first `PUT`).
 */
export const rangedPutUpload: UploadMechanismDriver = {
  name: 'ranged-put',
  offered: (capabilities) => capabilities.dav.includes(APACHE_DAV_FS),
  upload: (plan) =>
    partialWriteUpload(plan, {
      method: 'PUT',
      headers(offset, length, total) {
        const headers = firstPutHeaders(plan)
        // Only the first write may be refused for an existing file; the ones after it extend ours.
        headers.delete('if-none-match')
        headers.set('content-range', `bytes ${offset}-${offset + length - 1}/${total === undefined ? '*' : total}`)
        return headers
      },
    }),
}
