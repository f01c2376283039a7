import type { DavkitError } from '../../errors/davkit-error.ts'
import type { DavResponse } from '../../http/request-pipeline.ts'
import { readResponseBody, statusError } from '../../methods/read-dav-answer.ts'
import { FileOperationError, type FileOperationOutcome } from '../file-operation-error.ts'

const OUTCOMES: Readonly<Record<number, FileOperationOutcome>> = {
  403: 'forbidden',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'too-large',
  423: 'locked',
  424: 'failed-dependency',
  507: 'insufficient-storage',
}

/**
 * The error for an answer an upload cannot go on from: a `FileOperationError` (operation
 * `upload`) for a refusal the file layer names (403, 409, 412, 413, 423, 424, 507), else the
 * `HttpStatusError` for the status, which the retry layer reads (502, 503 and 504 are retried).
 */
export function uploadRefusal(path: string, response: DavResponse): DavkitError {
  const outcome = OUTCOMES[response.status]
  if (outcome !== undefined) return new FileOperationError('upload', path, outcome, response.status)
  return statusError(response, readResponseBody(response))
}
