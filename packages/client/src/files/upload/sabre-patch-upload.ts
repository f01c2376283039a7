import type { UploadMechanismDriver } from './upload-mechanism.ts'
import { partialWriteUpload } from './partial-write-upload.ts'

/** The `DAV` token by which SabreDAV shows its partial update plugin. */
export const SABRE_PARTIAL_UPDATE = 'sabredav-partialupdate'

/**
 * SabreDAV's partial update: `PATCH` with `X-Update-Range: bytes=a-b` (inclusive, as in `Range`)
 * and `Content-Type: application/x-sabredav-partialupdate`. It patches an existing file only, so
 * the first chunk is a plain `PUT`; explicit ranges (never `append`) keep a repeated write harmless.
 */
export const sabrePatchUpload: UploadMechanismDriver = {
  name: 'sabre-patch',
  offered: (capabilities) => capabilities.dav.includes(SABRE_PARTIAL_UPDATE),
  upload: (plan) =>
    partialWriteUpload(plan, {
      method: 'PATCH',
      headers: (offset, length) =>
        new Headers({
          'content-type': 'application/x-sabredav-partialupdate',
          'x-update-range': `bytes=${offset}-${offset + length - 1}`,
        }),
    }),
}
