import { ConfirmedOffset } from './confirmed-offset.ts'
import type { MechanismDone, UploadPlan } from './upload-mechanism.ts'
import { runResumable } from './resumable-run.ts'
import { heldLength } from './held-length.ts'
import { etagOf, sendUploadRequest, type SentTally } from './upload-exchange.ts'
import { uploadError } from './upload-error.ts'
import { writeFailure } from './write-failure.ts'
import { holdUploadLock, type UploadLock } from './upload-lock.ts'

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

/** An entity tag `If-Match` can match: a weak one (`W/"..."`) never does. */
function strongEtag(etag: string | undefined): string | undefined {
  return etag === undefined || etag.startsWith('W/') ? undefined : etag
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
 *
 * Another writer between two writes must not be merged with ours: each partial write carries
 * `If-Match` with the strong `ETag` of the last write (or of the `HEAD` after a failure), and where
 * the server locks (DAV class 2), the upload holds an exclusive lock and submits its token, which
 * covers servers that give weak or no `ETag`s (Apache). A refused precondition fails with
 * `changed-during-upload`. A source that fits in one chunk is one plain `PUT`, with nothing to guard.
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
  // What the file's ETag must still be at the next partial write, when the server gave a strong one.
  let expected: string | undefined
  let lock: UploadLock | undefined
  let lockTaken = source.size !== undefined && source.size <= chunkSize
  const takeLock = async (): Promise<void> => {
    if (lockTaken) return
    // Asked once: a LOCK is never sent again (a lost answer would leave a lock whose token nobody has).
    lockTaken = true
    lock = await holdUploadLock(plan)
  }
  const progress = new ConfirmedOffset(plan)

  const step = async (resuming: boolean): Promise<void> => {
    if (resuming && !created) resumes++
    if (resuming && created) {
      const held = await heldLength(plan)
      if (held.length === undefined || held.length < confirmed || held.length > sentTo) {
        throw uploadError(plan, 'offset-mismatch', 0, {
          detail: `the server holds ${held.length === undefined ? 'no file' : `${held.length} bytes`} after confirming ${confirmed} and being sent ${sentTo}`,
        })
      }
      confirmed = held.length
      expected = strongEtag(held.etag)
      resumes++
      progress.confirm(confirmed)
    }
    for (;;) {
      const chunk = await source.read(confirmed, chunkSize)
      sentTo = confirmed + chunk.byteLength
      if (created && chunk.byteLength === 0) return
      // With overwrite: false the lock comes after the first PUT: a LOCK of a missing file may
      // create an empty one, which the first PUT's If-None-Match: * would then take for another's.
      if (created || plan.overwrite) await takeLock()
      const headers = created ? write.headers(confirmed, chunk.byteLength, source.size) : firstPutHeaders(plan)
      if (lock !== undefined) headers.set('if', await lock.ifHeader())
      if (created && expected !== undefined) headers.set('if-match', expected)
      const response = await sendUploadRequest(
        plan,
        { method: created ? write.method : 'PUT', headers, body: chunk, length: chunk.byteLength },
        tally,
      )
      if (response.status === 412 && created) {
        throw uploadError(plan, 'changed-during-upload', response.status, {
          detail: `the file changed since byte ${confirmed} was confirmed${lock === undefined ? '' : ", or the upload's lock was lost"}`,
        })
      }
      if (response.status < 200 || response.status >= 300) throw writeFailure(plan, response, created, resuming)
      created = true
      writes++
      etag = etagOf(response)
      expected = strongEtag(etag)
      confirmed = sentTo
      progress.confirm(confirmed)
      if (chunk.byteLength < chunkSize) return
    }
  }

  try {
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
  } finally {
    await lock?.release()
  }
  progress.confirm(confirmed)
  return { size: confirmed, bytesSent: tally.bytes, resumes, etag }
}
