import type { DavResponse } from '../../http/request-pipeline.ts'
import type { FileOperationError } from '../file-operation-error.ts'
import type { UploadPlan } from './upload-mechanism.ts'
import { uploadError } from './upload-error.ts'
import { writeFailure } from './write-failure.ts'

/**
 * The failure an answer of a TUS or Nextcloud chunking request means: `too-large` for a 413 (a
 * chunk or a file beyond what the server takes), else what any upload write's answer means
 * (`writeFailure`: the PUT outcomes, `mechanism-refused`, `chunk-refused`, which the retry layer
 * tries again for 408, 425, 429, 502, 503 and 504).
 */
export function protocolRefusal(plan: UploadPlan, response: DavResponse): FileOperationError {
  if (response.status === 413) return uploadError(plan, 'too-large', response.status)
  return writeFailure(plan, response, true, false)
}

/**
 * `protocolRefusal` for a TUS request, where a 412 means the server does not speak the
 * `Tus-Resumable` version sent (TUS 1.0 core), not that a file is there: `mechanism-refused`.
 */
export function tusRefusal(plan: UploadPlan, response: DavResponse): FileOperationError {
  if (response.status === 412) return uploadError(plan, 'mechanism-refused', response.status, { detail: 'Tus-Resumable version refused' })
  return protocolRefusal(plan, response)
}
