import { HttpStatusError } from '../../errors/http-status-error.ts'
import type { DavResponse } from '../../http/request-pipeline.ts'
import { filePathOf } from '../../paths/file-path.ts'
import { davGetContentLength } from '../../properties/dav-codecs.ts'
import { FileOperationError, type FileOperationOutcome } from '../file-operation-error.ts'
import { runResumable } from './resumable-run.ts'
import { sendUploadRequest, type SentTally } from './upload-exchange.ts'
import type { MechanismDone, ServerTransferCapabilities, UploadMechanismDriver, UploadPlan } from './upload-mechanism.ts'
import { protocolRefusal } from './upload-refusal.ts'

/** Nextcloud's bounds (chunked upload v2): every chunk but the last 5 MiB to 5 GiB, numbered 1 to 10000. */
const MIN_CHUNK = 5 * 1024 * 1024
const MAX_CHUNK = 5 * 1024 * 1024 * 1024
const MAX_CHUNKS = 10_000
/** How many times a vanished upload folder is made anew before the upload fails. */
const MAX_RESTARTS = 3
/** How long cleaning up after a failure may take (it runs after the caller's signal may have fired). */
const CLEANUP_TIMEOUT_MS = 10_000

const CHUNK_PROPS = { size: davGetContentLength } as const

const FILES_PATH = /^(.*?)\/remote\.php\/dav\/files\/([^/]+)\//

/**
 * Whether the server says it is Nextcloud. Nextcloud's documentation describes chunked upload v2
 * at `/remote.php/dav/uploads/<user>/` beside `/remote.php/dav/files/<user>/` but names no
 * capability for it in `OPTIONS` (its OCS capabilities endpoint is not part of that answer). Its
 * `DAV` header lists tokens of its own plugins (`nextcloud-checksum-update`, `nc-paginate`,
 * `nc-calendar-search`...), which a plain SabreDAV or ownCloud 10 does not: one of those, with the
 * URL shape, is taken as Nextcloud. Anything less is left to the caller asking for the mechanism.
 */
function saysNextcloud(dav: readonly string[]): boolean {
  return dav.some((token) => token.startsWith('nextcloud-') || token.startsWith('nc-'))
}

/** The uploads home beside the files of `/remote.php/dav/files/<user>/`, on the same origin. */
function uploadsHomeOf(url: URL): URL | undefined {
  const match = FILES_PATH.exec(url.pathname)
  if (match === null) return undefined
  return new URL(`${match[1] ?? ''}/remote.php/dav/uploads/${match[2] ?? ''}/`, url)
}

/** A fresh upload folder name (`getRandomValues`, which browsers offer outside secure contexts too, unlike `randomUUID`). */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `davkit-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`
}

/** One chunked upload: its folder, the chunks the server holds whole, and what was sent. */
class ChunkedSession {
  private folder: URL
  private readonly home: URL
  private readonly path: string
  private readonly plan: UploadPlan
  private readonly chunk: number
  /** Sizes of the chunks sent, by number (the server holds a chunk only at this size). */
  private readonly sent = new Map<number, number>()
  /** Chunks the server confirmed holding whole. */
  private readonly held = new Set<number>()
  private released = 0
  private reported = 0
  private restarts = 0
  /** The total, once known (a stream's at its end). */
  private total: number | undefined
  /** A MOVE of `.file` was sent: if the folder is gone after a failure, the file may be written. */
  private moveSent = false
  private done = false
  readonly tally: SentTally = { bytes: 0 }
  /** Times the upload went on from the chunks the server listed after a failure. */
  resumes = 0
  etag: string | undefined

  constructor(plan: UploadPlan, home: URL, chunk: number) {
    this.plan = plan
    this.home = home
    this.chunk = chunk
    this.path = filePathOf(plan.client.baseUrl, plan.url)
    this.folder = new URL(`${randomId()}/`, home)
    this.total = plan.source.size
  }

  private fail(outcome: FileOperationOutcome, status: number): FileOperationError {
    return new FileOperationError('upload', this.path, outcome, status)
  }

  /** Bytes in the whole chunks held from the start on: what the server confirmed. */
  confirmed(): number {
    let bytes = 0
    for (let number = 1; this.held.has(number); number++) bytes += this.sent.get(number) ?? 0
    return bytes
  }

  private confirmChunk(number: number, size: number): void {
    this.held.add(number)
    this.sent.set(number, size)
    const confirmed = this.confirmed()
    if (confirmed > this.released) {
      this.plan.source.release(confirmed)
      this.released = confirmed
    }
    if (confirmed > this.reported) {
      this.reported = confirmed
      this.plan.onProgress?.({ loaded: confirmed, total: this.plan.source.size })
    }
  }

  private headers(extra: Record<string, string> = {}): Headers {
    const headers = new Headers({ Destination: this.plan.url.href, ...extra })
    if (this.total !== undefined) headers.set('OC-Total-Length', String(this.total))
    return headers
  }

  /** MKCOL of the upload folder (one whose answer was lost is found by the PROPFIND of the next attempt). */
  private async makeFolder(): Promise<void> {
    const response = await sendUploadRequest(this.plan, { method: 'MKCOL', url: this.folder, headers: this.headers() }, this.tally)
    if (response.status !== 201) throw protocolRefusal(this.plan, response)
  }

  /** The folder vanished (expired, cleaned up): a new one, from the first byte, if the source can give it again. */
  private async restart(status: number): Promise<void> {
    if (++this.restarts > MAX_RESTARTS) throw this.fail('upload-expired', status)
    if (this.released > 0) {
      const probe = await this.plan.source.read(0, 1).catch(() => undefined)
      if (probe === undefined) throw this.fail('upload-expired', status)
    }
    this.folder = new URL(`${randomId()}/`, this.home)
    this.held.clear()
    this.sent.clear()
    this.moveSent = false
    await this.makeFolder()
  }

  /**
   * Whether a MOVE whose answer was lost wrote the file: asked only once its upload folder is gone
   * (which the MOVE does), it checks a file of the total length at the destination. A file of the
   * same length that was there before cannot be told apart; the folder's going is the evidence.
   */
  private async writtenBefore(): Promise<boolean> {
    const { client, url, signal } = this.plan
    const head = await client.pipeline.send({ method: 'HEAD', url, signal })
    if (head.status < 200 || head.status >= 300) return false
    const length = head.headers.get('content-length')
    if (this.total === undefined || length === null || Number(length) !== this.total) return false
    this.etag = head.headers.get('etag') ?? undefined
    return true
  }

  /** PROPFIND Depth 1 of the folder: the chunks held at the size they were sent. `false`: the folder is gone. */
  private async learnHeld(): Promise<boolean> {
    const { client, signal } = this.plan
    const listing = await client
      .propfind(this.folder, { depth: 1, props: CHUNK_PROPS, ...(signal === undefined ? {} : { signal }) })
      .catch((error: unknown) => {
        if (error instanceof HttpStatusError && (error.status === 404 || error.status === 410)) return undefined
        throw error
      })
    if (listing === undefined) return false
    this.held.clear()
    for (const resource of listing.resources) {
      const name = resource.href.path.slice(resource.href.path.replace(/\/$/, '').lastIndexOf('/') + 1)
      if (!/^\d+$/.test(name)) continue
      const number = Number(name)
      const size = resource.props.size
      if (size.kind === 'value' && this.sent.get(number) === size.value) this.held.add(number)
    }
    // Whole chunks after a missing one are kept; the source is read forward to the first missing one.
    const confirmed = this.confirmed()
    if (confirmed < this.released) {
      const probe = await this.plan.source.read(confirmed, 1).catch(() => undefined)
      if (probe === undefined) throw this.fail('upload-expired', 207)
    }
    return true
  }

  /** One attempt: learn what is held (after a failure), send the missing chunks, MOVE `.file`. */
  async run(resuming: boolean): Promise<void> {
    const { source, overwrite } = this.plan
    if (!resuming) await this.makeFolder()
    else {
      const held = await this.learnHeld()
      this.resumes++
      if (!held) {
        if (this.moveSent && (await this.writtenBefore())) return this.finish()
        await this.restart(404)
      }
    }
    let number = 1
    let offset = 0
    for (;;) {
      if (this.total !== undefined && offset >= this.total && number > 1) break
      if (number > MAX_CHUNKS) throw this.fail('too-large', 0)
      const expected = this.sent.get(number)
      if (this.held.has(number) && expected !== undefined) {
        offset += expected
        number++
        continue
      }
      const bytes = await source.read(offset, this.chunk)
      if (bytes.length < this.chunk && this.total === undefined) this.total = offset + bytes.length
      if (bytes.length === 0 && number > 1) break
      this.sent.set(number, bytes.length)
      const put = { method: 'PUT', url: new URL(String(number), this.folder), headers: this.headers(), body: bytes, length: bytes.length }
      const response = await sendUploadRequest(this.plan, put, this.tally)
      if (response.status === 404) {
        // The folder vanished between chunks: a new one, and every chunk again.
        await this.restart(404)
        number = 1
        offset = 0
        continue
      }
      if (response.status !== 201 && response.status !== 204) throw protocolRefusal(this.plan, response)
      this.confirmChunk(number, bytes.length)
      offset += bytes.length
      number++
      if (bytes.length < this.chunk) break
    }
    const headers = this.headers(overwrite ? {} : { Overwrite: 'F' })
    this.moveSent = true
    const response = await sendUploadRequest(this.plan, { method: 'MOVE', url: new URL('.file', this.folder), headers }, this.tally)
    await this.afterMove(response)
  }

  private async afterMove(response: DavResponse): Promise<void> {
    if (response.status === 201 || response.status === 204) {
      this.etag = response.headers.get('oc-etag') ?? response.headers.get('etag') ?? undefined
      return this.finish()
    }
    // A retried MOVE may find its own earlier attempt's work done: the folder gone, or the file there.
    if ((response.status === 404 || response.status === 412) && response.earlierFailures.length > 0 && (await this.writtenBefore())) {
      return this.finish()
    }
    throw protocolRefusal(this.plan, response)
  }

  private finish(): void {
    this.done = true
    const total = this.total ?? 0
    if (total > this.reported) {
      this.reported = total
      this.plan.onProgress?.({ loaded: total, total: this.plan.source.size })
    }
  }

  size(): number {
    return this.total ?? 0
  }

  /** Drops the upload folder of an upload that failed for good, best effort. */
  async cleanUp(): Promise<void> {
    if (this.done) return
    await this.plan.client.pipeline
      .send({ method: 'DELETE', url: this.folder, headers: this.headers(), signal: AbortSignal.timeout(CLEANUP_TIMEOUT_MS) })
      .catch(() => undefined)
  }
}

/**
 * Nextcloud chunked upload v2, from Nextcloud's developer documentation: `MKCOL` of an upload
 * folder under `/remote.php/dav/uploads/<user>/` with the file's URL as `Destination`, chunks
 * `PUT` into it numbered from 1 (at least 5 MiB each but the last: a smaller `chunkSize` is raised
 * to that, and a larger one to what keeps within 10 000 chunks), then a `MOVE` of `.file` to the
 * `Destination` with `OC-Total-Length`. After a failure a `PROPFIND` Depth 1 of the folder tells
 * which chunks the server holds whole; the rest are sent again. A vanished folder starts over; a
 * MOVE whose answer was lost is checked at the destination before anything is redone.
 */
export const nextcloudChunkingDriver: UploadMechanismDriver = {
  name: 'nextcloud-chunking',
  offered(capabilities: ServerTransferCapabilities, url: URL): boolean {
    return uploadsHomeOf(url) !== undefined && saysNextcloud(capabilities.dav)
  },
  async upload(plan: UploadPlan): Promise<MechanismDone> {
    const { client, source, url, signal } = plan
    const home = uploadsHomeOf(url)
    const path = filePathOf(client.baseUrl, url)
    // Only a URL under /remote.php/dav/files/<user>/ has an uploads home to put chunks in.
    if (home === undefined) throw new FileOperationError('upload', path, 'mechanism-refused', 0)
    if (!plan.overwrite) {
      const head = await client.pipeline.send({ method: 'HEAD', url, signal })
      if (head.status >= 200 && head.status < 300) throw new FileOperationError('upload', path, 'precondition-failed', 412)
    }
    const least = source.size === undefined ? MIN_CHUNK : Math.ceil(source.size / MAX_CHUNKS)
    const chunk = Math.min(MAX_CHUNK, Math.max(plan.chunkSize, MIN_CHUNK, least))
    const session = new ChunkedSession(plan, home, chunk)
    try {
      await runResumable(
        plan,
        (resuming) => session.run(resuming),
        () => session.confirmed(),
      )
      return { size: session.size(), bytesSent: session.tally.bytes, resumes: session.resumes, etag: session.etag }
    } catch (error) {
      await session.cleanUp()
      throw error
    }
  },
}
