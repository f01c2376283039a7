import { filePathOf } from '../../paths/file-path.ts'
import { FileOperationError, type FileOperationOutcome } from '../file-operation-error.ts'
import type { UploadPlan } from './upload-mechanism.ts'

/** A `FileOperationError` of operation `upload`, for the file of `plan`. */
export function uploadError(
  plan: UploadPlan,
  outcome: FileOperationOutcome,
  status: number,
  options?: ErrorOptions & { readonly detail?: string; readonly retryAfterMs?: number | undefined },
): FileOperationError {
  return new FileOperationError('upload', filePathOf(plan.client.baseUrl, plan.url), outcome, status, [], options)
}
