import type { DavResponse } from '../../http/request-pipeline.ts'
import { memberFailuresOf, writeRefusal } from '../../methods/content-outcomes.ts'
import { davErrorOf, readResponseBody } from '../../methods/read-dav-answer.ts'
import { filePathOf } from '../../paths/file-path.ts'
import { parseRetryAfter } from '../../retry/retry-after.ts'
import { FileOperationError } from '../file-operation-error.ts'
import { uploadError } from './upload-error.ts'
import type { UploadPlan } from './upload-mechanism.ts'

/** Statuses by which a server says it does not take this kind of partial write. */
const REFUSED_MECHANISM: ReadonlySet<number> = new Set([400, 405, 411, 415, 416, 501])

/**
 * The failure a write's answer means: the PUT outcomes (`precondition-failed`, `conflict`,
 * `locked`, `forbidden`, `insufficient-storage`; `uncertain` for a 412 after an interrupted
 * attempt), `mechanism-refused` for a partial write the server does not take, else `chunk-refused`
 * (with the `Retry-After` the server asked for, which the retry layer honours).
 */
export function writeFailure(plan: UploadPlan, response: DavResponse, partial: boolean, resumed: boolean): FileOperationError {
  const { status } = response
  const reading = readResponseBody(response)
  if (reading.kind === 'multistatus') {
    const failures = memberFailuresOf(reading.multistatus.responses)
    return new FileOperationError('upload', filePathOf(plan.client.baseUrl, plan.url), 'locked', status, failures)
  }
  if (status === 412) return uploadError(plan, resumed ? 'uncertain' : 'precondition-failed', status)
  if (status === 404) return uploadError(plan, partial ? 'mechanism-refused' : 'conflict', status)
  const refusal = writeRefusal(status, response.attempts, davErrorOf(reading))
  if (refusal !== undefined) return uploadError(plan, refusal.kind, status)
  if (partial && REFUSED_MECHANISM.has(status)) return uploadError(plan, 'mechanism-refused', status)
  return uploadError(plan, 'chunk-refused', status, { retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) })
}
