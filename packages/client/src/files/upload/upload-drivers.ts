import { nextcloudChunkedUpload } from './nextcloud-chunked-upload.ts'
import { putUpload } from './put-upload.ts'
import { rangedPutUpload } from './ranged-put-upload.ts'
import { sabrePatchUpload } from './sabre-patch-upload.ts'
import { tusUpload } from './tus-upload.ts'
import type { UploadMechanismDriver } from './upload-mechanism.ts'

/**
 * The upload mechanisms in order of preference: `auto` takes the first the server offers. TUS and
 * Nextcloud chunking first (the server tracks the upload itself), then the partial writes, then
 * the plain `PUT` every server takes, which is offered always and so the fallback.
 */
export const uploadDrivers: readonly UploadMechanismDriver[] = [
  tusUpload,
  nextcloudChunkedUpload,
  rangedPutUpload,
  sabrePatchUpload,
  putUpload,
]
