import type { MechanismDone, UploadPlan } from './upload-mechanism.ts'
import { runResumable } from './resumable-run.ts'
import { etagOf, heldLength, sendUploadRequest, uploadError, writeFailure, type SentTally } from './upload-exchange.ts'

/** How a server takes bytes written at an offset of an existing file. */
export interface PartialWrite {
  readonly method: string
  /** The headers of a write of `length` bytes at `offset` of a file of `total` bytes (`undefined`: not known yet). */
  headers(offset: number, length: number, total: number | undefined): Headers
}

/** The headers of the first, plain `PUT`, which creates or truncates the file. */
export function firstPutHeaders(plan: UploadPlan): Headers {
  const headers = new Headers({ 'content-type': plan.contentType })
  if (!plan.overwrite) headers.set('if-none-match', '*')
  return headers
}

/**
 * An upload by partial writes (ranged `PUT`, SabreDAV's `PATCH`): the first chunk goes in a plain
 * `PUT`, which creates the file or truncates what was there, and each next chunk is written at the
 * offset the server confirmed. After a failure the file's length (`HEAD`) says where to go on:
 * Apache keeps every byte of a cut ranged `PUT` it received, but throws a cut plain `PUT` away, so
 * until the first `PUT` is confirmed it is sent again whole. A length below what the server had
 * confirmed, or beyond what was sent, fails with `offset-mismatch`; after the last write the
 * length must be the size sent (`length-mismatch` otherwise: a server that took the ranges as
 * whole bodies would hold the last chunk alone).
 */
export async function partialWriteUpload(plan: UploadPlan, write: PartialWrite): Promise<MechanismDone> {
  const { source, chunkSize } = plan
  const tally: SentTally = { bytes: 0 }
  let confirmed = 0
  let sentTo = 0
  let created = false
  let writes = 0
  let resumes = 0
  let etag: string | undefined
  let reported = -1
  const report = (): void => {
    if (confirmed <= reported) return
    reported = confirmed
    plan.onProgress?.({ loaded: confirmed, total: source.size })
  }

  const step = async (resuming: boolean): Promise<void> => {
    if (resuming && !created) resumes++
    if (resuming && created) {
      const held = (await heldLength(plan)).length
      if (held === undefined || held < confirmed || held > sentTo) {
        throw uploadError(plan, 'offset-mismatch', 0, {
          detail: `the server holds ${held === undefined ? 'no file' : `${held} bytes`} after confirming ${confirmed} and being sent ${sentTo}`,
        })
      }
      confirmed = held
      resumes++
      source.release(confirmed)
      report()
    }
    for (;;) {
      const chunk = await source.read(confirmed, chunkSize)
      sentTo = confirmed + chunk.byteLength
      if (created && chunk.byteLength === 0) return
      const headers = created ? write.headers(confirmed, chunk.byteLength, source.size) : firstPutHeaders(plan)
      const response = await sendUploadRequest(
        plan,
        { method: created ? write.method : 'PUT', headers, body: chunk, length: chunk.byteLength },
        tally,
      )
      if (response.status < 200 || response.status >= 300) throw writeFailure(plan, response, created, resuming)
      created = true
      writes++
      etag = etagOf(response)
      confirmed = sentTo
      source.release(confirmed)
      report()
      if (chunk.byteLength < chunkSize) return
    }
  }

  await runResumable(plan, step, () => confirmed)
  if (writes > 1 || resumes > 0) {
    // The file is written by now: a failure to ask is retried as any step is.
    const held = await runResumable(
      plan,
      () => heldLength(plan),
      () => 0,
    )
    if (held.length !== confirmed) {
      throw uploadError(plan, 'length-mismatch', 0, {
        detail: `the server holds ${held.length === undefined ? 'no file' : `${held.length} bytes`}, ${confirmed} were written`,
      })
    }
    etag = held.etag
  }
  report()
  return { size: confirmed, bytesSent: tally.bytes, resumes, etag }
}
