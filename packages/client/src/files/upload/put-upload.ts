import { SourceReadError } from '../../errors/source-read-error.ts'
import type { ChunkSource } from './chunk-source.ts'
import { nativeBodyOf } from './chunk-source-of.ts'
import { firstPutHeaders } from './partial-write-upload.ts'
import { runResumable } from './resumable-run.ts'
import { etagOf, sendUploadRequest, uploadError, writeFailure, type SentTally } from './upload-exchange.ts'
import type { UploadMechanismDriver } from './upload-mechanism.ts'

// Pieces a streamed body is read in: small, so that what `fetch` buffers stays small too.
const PIECE_BYTES = 256 * 1024

/** The whole source as a stream pulled piece by piece, each piece released once handed over and counted in `tally`. */
function bodyStream(source: ChunkSource, pieceBytes: number, tally: SentTally): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const piece = await source.read(offset, pieceBytes)
        if (piece.byteLength === 0) {
          controller.close()
          return
        }
        offset += piece.byteLength
        tally.bytes += piece.byteLength
        source.release(offset)
        controller.enqueue(piece)
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * One plain `PUT` of the whole body, which every server takes: bytes and Blobs go to `fetch` as
 * they are, other sources as a stream read piece by piece. Nothing of a failed `PUT` is kept by
 * a server, so after a failure a seekable source is sent again from the start; a stream cannot be,
 * and fails with `not-resumable` (its cause the failure).
 */
export const putUpload: UploadMechanismDriver = {
  name: 'put',
  offered: () => true,
  async upload(plan) {
    const { source } = plan
    const tally: SentTally = { bytes: 0 }
    let confirmed = 0
    let resumes = 0
    const value = await runResumable(
      plan,
      async (resuming) => {
        if (resuming) resumes++
        const native = nativeBodyOf(source)
        // A stream that let bytes go cannot start again; asking for none of them says so.
        if (native === undefined && resuming) {
          await source.read(0, 0).catch((error: unknown) => {
            if (error instanceof SourceReadError && error.reason === 'released') {
              throw uploadError(plan, 'not-resumable', 0, { cause: error, detail: 'a stream is sent once: it cannot be sent again' })
            }
            throw error
          })
        }
        const size = native === undefined ? source.size : native instanceof Blob ? native.size : native.byteLength
        const headers = firstPutHeaders(plan)
        const body = native ?? bodyStream(source, Math.min(plan.chunkSize, PIECE_BYTES), tally)
        if (native === undefined && size !== undefined) headers.set('content-length', String(size))
        const response = await sendUploadRequest(plan, { method: 'PUT', headers, body, length: size }, tally)
        if (response.status < 200 || response.status >= 300) throw writeFailure(plan, response, false, resuming)
        confirmed = native === undefined ? (source.size ?? 0) : (size ?? 0)
        return { size: confirmed, etag: etagOf(response) }
      },
      () => confirmed,
    )
    plan.onProgress?.({ loaded: value.size, total: value.size })
    return { size: value.size, bytesSent: tally.bytes, resumes, etag: value.etag }
  },
}
