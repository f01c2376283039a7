import type { DavkitError } from '../../errors/davkit-error.ts'
import { HttpStatusError } from '../../errors/http-status-error.ts'
import type { DavResponse } from '../../http/request-pipeline.ts'
import { readResponseBody, statusError } from '../../methods/read-dav-answer.ts'
import { FileOperationError, type FileOperationOutcome } from '../file-operation-error.ts'

const OUTCOMES: Readonly<Record<number, FileOperationOutcome>> = {
  400: 'mechanism-refused',
  403: 'forbidden',
  405: 'mechanism-refused',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'too-large',
  423: 'locked',
  424: 'failed-dependency',
  415: 'mechanism-refused',
  501: 'mechanism-refused',
  507: 'insufficient-storage',
}

/** Statuses the retry layer tries again after (it reads them from an `HttpStatusError`). */
const TRANSIENT: ReadonlySet<number> = new Set([408, 425, 429, 502, 503, 504])

/**
 * The error for an answer an upload cannot go on from: the `HttpStatusError` of a status worth
 * trying again after (408, 425, 429, 502, 503, 504), for the retry layer to read, else a
 * `FileOperationError` (operation `upload`) naming the refusal, `chunk-refused` for a status no
 * outcome names.
 */
export function uploadRefusal(path: string, response: DavResponse): DavkitError {
  if (TRANSIENT.has(response.status)) return statusError(response, readResponseBody(response))
  return new FileOperationError('upload', path, OUTCOMES[response.status] ?? 'chunk-refused', response.status)
}

/** A status failure left when the retries are spent, as the upload's `FileOperationError` (`chunk-refused`). */
export function finalUploadError(path: string, error: unknown): unknown {
  return error instanceof HttpStatusError ? new FileOperationError('upload', path, 'chunk-refused', error.status) : error
}
