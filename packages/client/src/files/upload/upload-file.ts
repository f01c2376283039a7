import type { UploadChoice, UploadDone, UploadMechanism } from '@davkit/types'
import type { DavClient } from '../../client.ts'
import { InvalidRequestError } from '../../errors/invalid-request-error.ts'
import type { RequestOptions } from '../../http/client-options.ts'
import type { ProgressCallback } from '../../http/progress.ts'
import { urlOfFilePath } from '../../paths/file-path.ts'
import { abortableSource } from './abortable-source.ts'
import { chunkSourceOf, nativeBodyOf, type UploadSource } from './chunk-source-of.ts'
import { transferCapabilities } from './transfer-capabilities.ts'
import { uploadDrivers } from './upload-drivers.ts'
import type { ServerTransferCapabilities, UploadMechanismDriver } from './upload-mechanism.ts'

/** Options of `files.upload`. */
export interface UploadOptions extends Pick<RequestOptions, 'signal'> {
  /**
   * How to send the file: `auto` (the default) asks the server (`OPTIONS` on the folder) and takes
   * the best mechanism it offers, else a plain `PUT`. A named mechanism is used without asking; a
   * server that then refuses it fails the upload with outcome `mechanism-refused` (no other
   * mechanism is tried: the caller asked for this one). A partial-write mechanism refused after its
   * first chunk leaves that chunk as the file.
   */
  readonly mechanism?: 'auto' | UploadMechanism
  /**
   * Bytes per request of a chunked mechanism (Nextcloud chunking raises it to its 5 MiB minimum).
   * A chunked upload of a stream holds about one chunk of it, the part the server has not
   * confirmed. The plain `PUT` fallback reads a stream in pieces of at most 256 KiB, but what the
   * runtime's `fetch` keeps of a body it sends is its own (Node's keeps all of it until the request
   * ends). Default 8 MiB.
   */
  readonly chunkSize?: number
  /**
   * Hears the bytes the server confirmed holding: it never goes back and counts no byte twice. A
   * chunked mechanism reports each confirmed chunk; the plain `PUT` fallback once, when the server
   * answered the whole body.
   */
  readonly onProgress?: ProgressCallback
  /** Default `text/plain; charset=utf-8` for text, a Blob's own type, else `application/octet-stream`. */
  readonly contentType?: string
  /**
   * `false`: fail with outcome `precondition-failed` if a file is already there. Default `true`.
   * Plain and partial writes send `If-None-Match: *` with the first `PUT`, Nextcloud chunking
   * `Overwrite: F` with its final `MOVE`; TUS has no precondition, so a `HEAD` checks first.
   */
  readonly overwrite?: boolean
  /** Create the missing parent folders first. Default `false`. */
  readonly createParents?: boolean
}

export const DEFAULT_CHUNK_SIZE: number = 8 * 1024 * 1024

function driverNamed(name: UploadMechanism, drivers: readonly UploadMechanismDriver[]): UploadMechanismDriver {
  const driver = drivers.find((d) => d.name === name)
  if (driver === undefined) throw new InvalidRequestError(`upload mechanism ${JSON.stringify(name)} is not available in this build`)
  return driver
}

/**
 * Uploads a source to a file (the parents must exist; the file layer makes them on request),
 * through the mechanism asked for or the best the server offers, resuming after failures from
 * what the server confirms it holds. The source is closed at the end, whatever happened.
 */
export async function uploadFile(
  client: DavClient,
  path: string,
  source: UploadSource,
  options: UploadOptions = {},
  drivers: readonly UploadMechanismDriver[] = uploadDrivers,
): Promise<UploadDone> {
  const { mechanism = 'auto', chunkSize = DEFAULT_CHUNK_SIZE, signal } = options
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidRequestError(`upload chunkSize must be a positive integer, got ${String(chunkSize)}`)
  }
  const url = urlOfFilePath(client.baseUrl, path)
  const own = chunkSourceOf(source)
  // Bytes and Blobs go to `fetch` as they are (and never stall); any other source may wait on a
  // stream, so its reads give way to the signal.
  const chunks = nativeBodyOf(own) === undefined ? abortableSource(own, url, signal) : own
  try {
    let driver: UploadMechanismDriver
    let choice: UploadChoice
    let capabilities: ServerTransferCapabilities | undefined
    if (mechanism === 'auto') {
      const found = await transferCapabilities(client, url, signal)
      capabilities = found
      const offered = drivers.find((d) => d.name !== 'put' && d.offered(found, url))
      driver = offered ?? driverNamed('put', drivers)
      choice = offered === undefined ? 'fallback' : 'detected'
    } else {
      driver = driverNamed(mechanism, drivers)
      choice = 'requested'
    }
    const ownType =
      typeof source === 'string' ? 'text/plain; charset=utf-8' : source instanceof Blob && source.type !== '' ? source.type : undefined
    const done = await driver.upload({
      client,
      url,
      source: chunks,
      chunkSize,
      contentType: options.contentType ?? ownType ?? 'application/octet-stream',
      overwrite: options.overwrite ?? true,
      signal,
      onProgress: options.onProgress,
      capabilities,
    })
    return { mechanism: driver.name, choice, ...done }
  } finally {
    await chunks.close().catch(() => undefined)
  }
}
