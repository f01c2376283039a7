import { integerHeader } from '../../methods/content-outcomes.ts'
import { filePathOf } from '../../paths/file-path.ts'
import { FileOperationError, type FileOperationOutcome } from '../file-operation-error.ts'
import { runResumable } from './resumable-run.ts'
import { sendUploadRequest, type SentTally } from './upload-exchange.ts'
import type { MechanismDone, ServerTransferCapabilities, UploadMechanismDriver, UploadPlan } from './upload-mechanism.ts'
import { protocolRefusal } from './upload-refusal.ts'

const TUS_VERSION = '1.0.0'
const OFFSET_CONTENT_TYPE = 'application/offset+octet-stream'
/** How many times a forgotten upload URL is created anew before the upload fails. */
const MAX_RECREATIONS = 3
/** How long terminating a failed upload may take (it runs after the caller's signal may have fired). */
const CLEANUP_TIMEOUT_MS = 10_000

function tokens(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '')
}

/** What the server's `Tus-*` headers allow. */
interface TusServer {
  readonly extensions: ReadonlySet<string>
  readonly maxSize: number | undefined
}

function tusServerOf(headers: Headers): TusServer {
  return { extensions: new Set(tokens(headers.get('tus-extension'))), maxSize: integerHeader({ headers }, 'tus-max-size') }
}

function speaksTus(headers: Headers): boolean {
  return headers.get('tus-resumable')?.trim() === TUS_VERSION || tokens(headers.get('tus-version')).includes(TUS_VERSION)
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** One TUS upload: the upload URL the server made, and what it confirmed holding there. */
class TusSession {
  private uploadUrl: URL | undefined
  private offset = 0
  /** Bytes before this offset were let go by the source (a stream cannot give them again). */
  private released = 0
  private recreations = 0
  /** A stream's length was told the server (in a `PATCH`; TUS takes it once). */
  private lengthDeclared = false
  /** The length the server holds for the upload (from `HEAD`), which a stream's may not know yet. */
  private serverLength: number | undefined
  private reported = -1
  readonly tally: SentTally = { bytes: 0 }
  /** Times the upload went on from the offset the server confirmed after a failure. */
  resumes = 0
  etag: string | undefined
  private readonly path: string
  private readonly folder: URL
  private readonly plan: UploadPlan
  private readonly server: TusServer

  constructor(plan: UploadPlan, server: TusServer) {
    this.plan = plan
    this.server = server
    this.path = filePathOf(plan.client.baseUrl, plan.url)
    this.folder = new URL('./', plan.url)
  }

  confirmed(): number {
    return this.offset
  }

  private fail(outcome: FileOperationOutcome, status: number): FileOperationError {
    return new FileOperationError('upload', this.path, outcome, status)
  }

  private headers(extra: Record<string, string> = {}): Headers {
    return new Headers({ 'Tus-Resumable': TUS_VERSION, ...extra })
  }

  /** Moves the confirmed offset, lets the source drop what is now held, and reports it once. */
  private confirm(offset: number): void {
    const { source, onProgress } = this.plan
    this.offset = offset
    if (offset > this.released) {
      source.release(offset)
      this.released = offset
    }
    if (offset > this.reported) {
      this.reported = offset
      onProgress?.({ loaded: offset, total: source.size })
    }
  }

  /** POST to the target's folder: a new upload resource, its URL kept only if on the client's origin. */
  private async create(): Promise<void> {
    const { client, source, url, contentType } = this.plan
    if (this.released > 0) {
      // The server lost bytes the source no longer has: only a source read from the start can go on.
      const probe = await source.read(0, 1).catch(() => undefined)
      if (probe === undefined) throw this.fail('upload-expired', 0)
    }
    const name = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1))
    const headers = this.headers({ 'Upload-Metadata': `filename ${base64(name)},filetype ${base64(contentType)}` })
    if (source.size === undefined) headers.set('Upload-Defer-Length', '1')
    else headers.set('Upload-Length', String(source.size))
    const response = await sendUploadRequest(this.plan, { method: 'POST', url: this.folder, headers }, this.tally)
    if (response.status !== 201) throw protocolRefusal(this.plan, response)
    const location = response.headers.get('location')
    if (location === null || !URL.canParse(location, this.folder)) throw this.fail('unusable-answer', response.status)
    const uploadUrl = new URL(location, this.folder)
    // The upload URL gets the client's credentials with every PATCH: it must stay on their origin.
    if (uploadUrl.origin !== client.baseUrl.origin) throw this.fail('cross-origin-location', response.status)
    this.uploadUrl = uploadUrl
    this.offset = 0
    this.lengthDeclared = false
    this.serverLength = undefined
  }

  /** Forgets the upload URL the server no longer knows and makes a new one, a bounded number of times. */
  private async recreate(status: number): Promise<void> {
    this.uploadUrl = undefined
    this.recreations++
    if (this.recreations > MAX_RECREATIONS) throw this.fail('upload-expired', status)
    await this.create()
  }

  /** HEAD of the upload URL: the offset the server holds (the only count an upload continues from). */
  private async learnOffset(): Promise<void> {
    const uploadUrl = this.uploadUrl
    if (uploadUrl === undefined) return
    const { client, signal } = this.plan
    const response = await client.pipeline.send({ method: 'HEAD', url: uploadUrl, headers: this.headers(), signal })
    if (response.status === 404 || response.status === 410) return this.recreate(response.status)
    if (response.status !== 200 && response.status !== 204) throw protocolRefusal(this.plan, response)
    const offset = integerHeader(response, 'upload-offset')
    if (offset === undefined) throw this.fail('unusable-answer', response.status)
    if (this.plan.source.size !== undefined && offset > this.plan.source.size) throw this.fail('offset-mismatch', response.status)
    // A stream's length may have reached the server with a PATCH whose answer was lost: TUS takes it once.
    const length = integerHeader(response, 'upload-length')
    if (length !== undefined) {
      this.lengthDeclared = true
      this.serverLength = length
    }
    if (offset < this.released) {
      // Behind what the source let go: only a seekable source can send those bytes again.
      const probe = await this.plan.source.read(offset, 1).catch(() => undefined)
      if (probe === undefined) throw this.fail('upload-expired', response.status)
    }
    this.confirm(offset)
  }

  /** One attempt: create or learn the offset, then PATCH chunk after chunk until the server holds everything. */
  async run(resuming: boolean): Promise<void> {
    if (this.uploadUrl === undefined) await this.create()
    else if (resuming) {
      await this.learnOffset()
      this.resumes++
    }
    const { source, chunkSize } = this.plan
    let mismatches = 0
    for (;;) {
      const size = source.size
      const total = size ?? this.serverLength
      if (total !== undefined && this.offset >= total) return
      const uploadUrl = this.uploadUrl
      if (uploadUrl === undefined) throw this.fail('upload-expired', 0)
      const chunk = await source.read(this.offset, chunkSize)
      const headers = this.headers({ 'Content-Type': OFFSET_CONTENT_TYPE, 'Upload-Offset': String(this.offset) })
      // A stream of unknown size ends with a chunk shorter than asked for: its length is known then.
      const ending = size === undefined && chunk.length < chunkSize
      if (ending && !this.lengthDeclared) headers.set('Upload-Length', String(this.offset + chunk.length))
      const patch = { method: 'PATCH', url: uploadUrl, headers, body: chunk, length: chunk.length }
      const response = await sendUploadRequest(this.plan, patch, this.tally)
      if (response.status === 409) {
        // The server holds another offset than was sent (an earlier PATCH landed after all): ask it.
        if (++mismatches > 1) throw this.fail('offset-mismatch', response.status)
        await this.learnOffset()
        continue
      }
      if (response.status === 404 || response.status === 410) {
        await this.recreate(response.status)
        continue
      }
      if (response.status !== 204 && response.status !== 200) throw protocolRefusal(this.plan, response)
      const start = this.offset
      const offset = integerHeader(response, 'upload-offset')
      // The server may take part of a chunk, never more than it or less than it had; nothing at all is no answer.
      if (offset === undefined || (offset === start && chunk.length > 0)) throw this.fail('unusable-answer', response.status)
      if (offset > start + chunk.length || offset < start) throw this.fail('offset-mismatch', response.status)
      mismatches = 0
      if (ending) this.lengthDeclared = true
      this.etag = response.headers.get('etag') ?? undefined
      this.confirm(offset)
      // A stream's last chunk, taken whole: the server knows the length and holds it all.
      if (ending && offset === start + chunk.length) return
    }
  }

  /**
   * Frees what the server holds of an upload that failed for good or was aborted (`termination`),
   * best effort: nothing could resume it, its URL being known to this upload alone.
   */
  async terminate(): Promise<void> {
    const uploadUrl = this.uploadUrl
    if (uploadUrl === undefined || !this.server.extensions.has('termination')) return
    const signal = AbortSignal.timeout(CLEANUP_TIMEOUT_MS)
    await this.plan.client.pipeline.send({ method: 'DELETE', url: uploadUrl, headers: this.headers(), signal }).catch(() => undefined)
  }
}

/**
 * TUS 1.0 (core and creation; creation-defer-length for a stream of unknown size; termination to
 * clean up), as ownCloud Infinite Scale offers it on its WebDAV spaces: a `POST` to the target's
 * folder with `Upload-Length` and the file name in `Upload-Metadata` makes an upload URL
 * (`Location`), then `PATCH`es of `chunkSize` bytes at `Upload-Offset` fill it. After a failure a
 * `HEAD` of the upload URL tells the offset the server holds, and sending continues from there.
 */
export const tusDriver: UploadMechanismDriver = {
  name: 'tus',
  offered(capabilities: ServerTransferCapabilities): boolean {
    return speaksTus(capabilities.headers) && tusServerOf(capabilities.headers).extensions.has('creation')
  },
  async upload(plan: UploadPlan): Promise<MechanismDone> {
    const { client, source, url, signal } = plan
    const path = filePathOf(client.baseUrl, url)
    // The server's limits come with the OPTIONS the mechanism was detected from, or are asked for here.
    const headers =
      plan.capabilities?.headers ?? (await client.pipeline.send({ method: 'OPTIONS', url: new URL('./', url), signal })).headers
    if (!speaksTus(headers)) throw new FileOperationError('upload', path, 'mechanism-refused', 0)
    const server = tusServerOf(headers)
    if (source.size === undefined && !server.extensions.has('creation-defer-length')) {
      throw new FileOperationError('upload', path, 'size-unknown', 0)
    }
    if (source.size !== undefined && server.maxSize !== undefined && source.size > server.maxSize) {
      throw new FileOperationError('upload', path, 'too-large', 0)
    }
    if (!plan.overwrite) {
      // TUS has no precondition of its own: a file already there is looked for first.
      const head = await client.pipeline.send({ method: 'HEAD', url, signal })
      if (head.status >= 200 && head.status < 300) throw new FileOperationError('upload', path, 'precondition-failed', 412)
    }
    const session = new TusSession(plan, server)
    try {
      await runResumable(
        plan,
        (resuming) => session.run(resuming),
        () => session.confirmed(),
      )
      return { size: session.confirmed(), bytesSent: session.tally.bytes, resumes: session.resumes, etag: session.etag }
    } catch (error) {
      await session.terminate()
      throw error
    }
  },
}
