import { integerHeader } from '../../methods/content-outcomes.ts'
import { uploadError } from './upload-error.ts'
import { etagOf } from './upload-exchange.ts'
import type { UploadPlan } from './upload-mechanism.ts'
import { writeFailure } from './write-failure.ts'

/** How many bytes the server holds of the file (`HEAD`), or `undefined` when it has none there. */
export async function heldLength(plan: UploadPlan): Promise<{ readonly length: number | undefined; readonly etag: string | undefined }> {
  const response = await plan.client.pipeline.send({
    method: 'HEAD',
    url: plan.url,
    signal: plan.signal,
    retry: false,
    // A cached answer would tell what the server held before, not what it holds.
    headers: { 'accept-encoding': 'identity', 'cache-control': 'no-cache' },
  })
  if (response.status === 404) return { length: undefined, etag: undefined }
  if (response.status < 200 || response.status >= 300) throw writeFailure(plan, response, false, false)
  const length = integerHeader(response, 'content-length')
  if (length === undefined) throw uploadError(plan, 'offset-mismatch', response.status, { detail: 'HEAD gave no Content-Length' })
  return { length, etag: etagOf(response) }
}
