import type {
  FileEntry,
  MemberFailure,
  MkcolResult,
  PutCreated,
  PutReplaced,
  ResourceHref,
  TransferCreated,
  TransferReplaced,
  TransferResult,
  TransferSucceeded,
  UploadDone,
} from '@davkit/types'
import type { DavClient } from '../client.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { ProgressCallback } from '../http/progress.ts'
import type { ContentBody } from '../http/request-content.ts'
import type { LockTokens } from '../methods/if-header.ts'
import type { BufferedResumeOptions } from '../methods/resume-options.ts'
import { memberFailuresOf } from '../methods/content-outcomes.ts'
import { decodePath } from '../multistatus/resolve-href.ts'
import { filePathOf, urlOfFilePath } from '../paths/file-path.ts'
import { resolveTarget } from '../paths/resolve-target.ts'
import { downloadFile, type Download, type DownloadOptions } from './download.ts'
import { FileOperationError, type FileOperation } from './file-operation-error.ts'
import { fileProps, relativePath, toFileEntry } from './file-props.ts'
import { listFolder, walkFolder, type WalkOptions } from './folder-listing.ts'
import type { UploadSource } from './upload/chunk-source-of.ts'
import { uploadFile, type UploadOptions } from './upload/upload-file.ts'

/** Options of a file-level write. */
export interface WriteOptions extends RequestOptions {
  /** `false`: fail with outcome `precondition-failed` if something already exists (`If-None-Match: *`). Default `true`. */
  readonly overwrite?: boolean
  /**
   * Write only over this entity tag (from `stat` or an earlier read): a concurrent change fails as
   * `precondition-failed`. A weak tag (`W/"..."`) is refused before sending, with outcome
   * `weak-etag`: `If-Match` compares strongly, so the server would answer 412 whatever the file
   * holds (Apache gives a weak tag to a file changed within the last second).
   */
  readonly ifMatch?: string
  readonly contentType?: string
  /** Create the missing parent folders first. Default `false`. */
  readonly createParents?: boolean
  readonly lockToken?: LockTokens
  readonly onProgress?: ProgressCallback
}

/** Options of a file-level copy, move or rename. */
export interface TransferFileOptions extends RequestOptions {
  /** Replace what is at the destination. Default `false`: an existing destination fails with outcome `precondition-failed`. */
  readonly overwrite?: boolean
  /** Locks on the source side (a move out of a locked folder): the grant from `lock`, or `{ token, root }`. */
  readonly lockToken?: LockTokens
  /** Locks on the destination side (a locked destination or a locked folder it goes into). */
  readonly destinationLockToken?: LockTokens
}

/** What a file-level copy, move or rename did: `created` a new destination, or `replaced` one (with `overwrite`). */
export type TransferDone = TransferCreated | TransferReplaced | TransferSucceeded

/** Options of a file-level read. */
export interface ReadOptions extends RequestOptions {
  readonly onProgress?: ProgressCallback
  /**
   * Continue after a dropped connection (default `{ onChange: 'restart' }`: a file changed
   * meanwhile is read again whole, so the result is always one version). `false`: one connection
   * (and the runtime's own `Accept-Encoding`, where a resumed read asks for `identity`).
   */
  readonly resume?: boolean | BufferedResumeOptions
}

/**
 * Everyday file operations on top of a {@link DavClient}: plain typed entries and values, and a
 * {@link FileOperationError} (or the client's own errors) when something did not happen.
 */
export interface DavFiles {
  /** The client underneath, for anything this layer does not cover. */
  readonly client: DavClient
  /**
   * The members of a folder (not the folder itself), in the server's order. A file fails with
   * outcome `not-a-folder`, a missing folder with outcome `not-found` (as `stat` and `readText`). A member the server reports as failed
   * (e.g. a 403 or 500 status) or malformed is never dropped: the listing fails with outcome
   * `member-failures`, whose `failures` name each such member and its status. A member whose
   * type the server did not report usably is listed with kind `unknown`.
   */
  list(path?: string, options?: RequestOptions): Promise<FileEntry[]>
  /**
   * The members of a folder, handed out as the listing arrives and not kept, and leaving the loop early cancels the rest. Fails as {@link DavFiles.list} does, except
   * that failed members are reported after the others have been handed out.
   *
   * @example
   * for await (const entry of files.listEach('Photos')) if (entry.kind === 'file') console.log(entry.path, entry.size)
   */
  listEach(path?: string, options?: RequestOptions): AsyncIterable<FileEntry>
  /**
   * Every file and folder below a folder, listing one folder at a time as its listing arrives
   * (`Depth: 1`, which every server answers): a folder's entries, then its subfolders in order.
   * `maxDepth: 1` lists the folder alone. Fails as {@link DavFiles.listEach} does, at the folder
   * where it happens.
   *
   * @example
   * let bytes = 0
   * for await (const entry of files.walk('Projects')) if (entry.kind === 'file') bytes += entry.size ?? 0
   */
  walk(path?: string, options?: WalkOptions): AsyncIterable<FileEntry>
  /**
   * One resource; a missing one (an HTTP 404, or a 207 holding a 404 for it) fails with outcome
   * `not-found`. Another status for it fails with outcome `no-properties`, and an answer that
   * says nothing usable about it (a garbled status, only malformed responses, an empty
   * multistatus) with outcome `unusable-answer`: neither means "not found".
   */
  stat(path: string, options?: RequestOptions): Promise<FileEntry>
  /** Whether something exists at `path`: `false` only for a real 404; an unusable answer fails as `stat` does. */
  exists(path: string, options?: RequestOptions): Promise<boolean>
  /** The content of a file as text (decoded by its charset, UTF-8 by default). */
  readText(path: string, options?: ReadOptions): Promise<string>
  /** The content of a file as bytes. */
  readBytes(path: string, options?: ReadOptions): Promise<Uint8Array>
  /**
   * Starts reading a file as a stream, with its size, `ETag` and type, continuing after dropped
   * connections unless `resume: false`; nothing at `path` fails with outcome `not-found`.
   *
   * @example
   * const download = await files.download('videos/talk.mp4', { onProgress: (p) => console.log(p.loaded, p.total) })
   * await download.stream.pipeTo(Writable.toWeb(createWriteStream('talk.mp4')))
   */
  download(path: string, options?: DownloadOptions): Promise<Download>
  /**
   * Writes text (UTF-8) to a file, creating or replacing it. A refused write fails with the PUT
   * outcome; a 412 after a retried attempt that may have been carried out fails with outcome
   * `uncertain` (the file may hold the content sent, or what was there before).
   */
  writeText(path: string, text: string, options?: WriteOptions): Promise<PutCreated | PutReplaced>
  /** Writes bytes (or a Blob, or a stream) to a file, creating or replacing it; fails as {@link DavFiles.writeText} does. */
  writeBytes(path: string, body: Exclude<ContentBody, string>, options?: WriteOptions): Promise<PutCreated | PutReplaced>
  /**
   * Uploads text, bytes, a Blob, a stream or a `ChunkSource` (a Node file: `fileSource` from
   * `@davkit/client/node`) to a file, through the best mechanism the server offers (TUS, Nextcloud
   * chunking, ranged `PUT`, SabreDAV's `PATCH`) or a plain `PUT`; the result says which and why. An
   * interrupted upload resumes from what the server confirms it holds, within the client's retry
   * budget (a failure after progress does not use it up). Memory is bounded by `chunkSize`.
   * Refusals fail with a {@link FileOperationError} of operation `upload`; a connection that keeps
   * failing once the retries are spent, a timeout or an abort, with the client's own errors
   * (`TransportError`, `RequestTimeoutError`, `RequestAbortedError`).
   *
   * @example
   * const done = await files.upload('videos/talk.mp4', file, { onProgress: (p) => console.log(p.loaded) })
   * console.log(done.mechanism, done.choice, done.resumes)
   */
  upload(path: string, source: UploadSource, options?: UploadOptions): Promise<UploadDone>
  /**
   * Creates a folder. With `recursive` (the default), missing parents are created too and an
   * existing folder is fine; returns whether anything was created. A MKCOL whose retry found the
   * folder there after an attempt that may have been carried out (`uncertain`) is checked with
   * a PROPFIND: a folder there counts as created.
   */
  createFolder(path: string, options?: RequestOptions & { readonly recursive?: boolean }): Promise<boolean>
  /**
   * Deletes a file or a folder with everything in it; a missing one is fine. Members that could
   * not be deleted fail with outcome `partial`, the error's `failures` naming each; a lock on it or
   * above it fails with outcome `locked`.
   */
  remove(path: string, options?: RequestOptions & { readonly lockToken?: LockTokens }): Promise<void>
  /**
   * Copies a file or a folder with everything in it to `to` (a path relative to the base URL).
   * An existing destination fails with outcome `precondition-failed` unless `overwrite`; members
   * that could not be copied fail with outcome `partial`, listed in the error's `failures`; a
   * missing source fails with outcome `not-found`.
   */
  copy(from: string, to: string, options?: TransferFileOptions): Promise<TransferDone>
  /** Moves a file or a folder to `to`; fails as {@link DavFiles.copy} does. */
  move(from: string, to: string, options?: TransferFileOptions): Promise<TransferDone>
  /** Renames a file or a folder within its folder: `newName` is one path segment (no `/`). */
  rename(path: string, newName: string, options?: TransferFileOptions): Promise<TransferDone>
  /** The file-layer path (relative to the base URL, decoded) of an href from a result, a URL or a server path. */
  pathOf(href: ResourceHref | URL | string): string
  /** The absolute, encoded URL of a file-layer path. */
  urlOf(path: string): URL
}

function isNotResource<T extends { readonly kind: string }>(entry: T): entry is Exclude<T, { readonly kind: 'resource' }> {
  return entry.kind !== 'resource'
}

/** The resources a result's multistatus named as failed, when it had one. */
function failuresOf(result: { readonly kind: string }): readonly MemberFailure[] {
  return 'failures' in result ? (result.failures as readonly MemberFailure[]) : []
}

function isNotFound(error: unknown): boolean {
  return error instanceof HttpStatusError && error.status === 404
}

/**
 * The file-level layer over a client.
 *
 * @example
 * const files = createDavFiles(createDavClient({ baseUrl: 'https://dav.example/files/alice/' }))
 * for (const entry of await files.list('Documents')) {
 *   console.log(entry.kind, entry.path, entry.kind === 'file' ? entry.size : '')
 * }
 * await files.writeText('Documents/notes.md', '# Notes', { createParents: true })
 */
export function createDavFiles(client: DavClient): DavFiles {
  const base = client.baseUrl

  async function stat(path: string, options: RequestOptions = {}): Promise<FileEntry> {
    let listing
    try {
      listing = await client.propfind(path, { ...options, depth: 0, props: fileProps })
    } catch (error) {
      if (isNotFound(error)) throw new FileOperationError('stat', path, 'not-found', 404)
      throw error
    }
    const resource = listing.resources[0]
    if (resource !== undefined) return toFileEntry(base, resource)
    // Only a real 404 is "not found"; a garbled status, malformed responses or nothing at all is
    // an answer that cannot be used, not a missing resource.
    const answered = listing.responses.find((r) => r.kind === 'status' && r.status.kind === 'status')
    if (answered?.kind === 'status' && answered.status.kind === 'status') {
      const status = answered.status.code
      throw new FileOperationError('stat', path, status === 404 ? 'not-found' : 'no-properties', status)
    }
    throw new FileOperationError('stat', path, 'unusable-answer', listing.status, memberFailuresOf(listing.responses.filter(isNotResource)))
  }

  async function write(
    operation: FileOperation,
    path: string,
    body: ContentBody,
    options: WriteOptions,
  ): Promise<PutCreated | PutReplaced> {
    const { overwrite, ifMatch, contentType, createParents, lockToken, onProgress, ...request } = options
    if (ifMatch?.trimStart().startsWith('W/') === true) throw new FileOperationError(operation, path, 'weak-etag', 0)
    if (createParents === true) {
      const slash = path.replace(/\/+$/, '').lastIndexOf('/')
      if (slash > 0) await createFolder(path.slice(0, slash), { ...request, recursive: true })
    }
    const result = await client.put(path, body, {
      ...request,
      ...(overwrite === false ? { ifNoneMatch: '*' as const } : {}),
      ...(ifMatch === undefined ? {} : { ifMatch }),
      ...(contentType === undefined ? {} : { contentType }),
      ...(lockToken === undefined ? {} : { lockToken }),
      ...(onProgress === undefined ? {} : { onProgress }),
    })
    if (result.kind === 'created' || result.kind === 'replaced') return result
    throw new FileOperationError(operation, path, result.kind, result.status, failuresOf(result))
  }

  async function read(operation: FileOperation, path: string, options: ReadOptions, as: 'text' | 'bytes'): Promise<string | Uint8Array> {
    const { resume = { onChange: 'restart' }, ...request } = options
    let result
    try {
      result = await client.get(path, { ...request, as, ...(resume === false ? {} : { resume }) })
    } catch (error) {
      if (isNotFound(error)) throw new FileOperationError(operation, path, 'not-found', 404)
      throw error
    }
    if (result.kind === 'full' || result.kind === 'partial') return result.data
    throw new FileOperationError(operation, path, result.kind, result.status)
  }

  async function createFolder(path: string, options: RequestOptions & { readonly recursive?: boolean } = {}): Promise<boolean> {
    const { recursive = true, ...request } = options
    const result: MkcolResult = await client.mkcol(path, { ...request, parents: recursive })
    if (result.kind === 'created') return true
    // `uncertain`: an earlier attempt that may have been carried out probably made it.
    if (result.kind === 'uncertain' || (result.kind === 'already-exists' && recursive)) {
      const existing = await stat(path, request)
      if (existing.kind === 'collection') return result.kind === 'uncertain'
      const outcome = existing.kind === 'file' ? 'file-in-the-way' : 'unknown-type'
      throw new FileOperationError('createFolder', path, outcome, result.status)
    }
    throw new FileOperationError('createFolder', path, result.kind, result.status, failuresOf(result))
  }

  async function transfer(
    operation: 'copy' | 'move' | 'rename',
    from: string,
    to: string,
    options: TransferFileOptions,
  ): Promise<TransferDone> {
    const { overwrite = false, lockToken, destinationLockToken, ...request } = options
    const transferOptions = {
      ...request,
      overwrite,
      ...(lockToken === undefined ? {} : { lockToken }),
      ...(destinationLockToken === undefined ? {} : { destinationLockToken }),
    }
    const result: TransferResult =
      operation === 'copy' ? await client.copy(from, to, transferOptions) : await client.move(from, to, transferOptions)
    switch (result.kind) {
      case 'created':
      case 'replaced':
      case 'succeeded':
        return result
    }
    throw new FileOperationError(operation, from, result.kind, result.status, failuresOf(result))
  }

  async function transferOrNotFound(
    operation: 'copy' | 'move' | 'rename',
    from: string,
    to: string,
    options: TransferFileOptions,
  ): Promise<TransferDone> {
    try {
      return await transfer(operation, from, to, options)
    } catch (error) {
      // A COPY or MOVE of nothing is a 404, which the client has no outcome for.
      if (isNotFound(error)) throw new FileOperationError(operation, from, 'not-found', 404)
      throw error
    }
  }

  return {
    client,
    async list(path = '', options = {}) {
      let listing
      try {
        listing = await client.propfind(path, { ...options, depth: 1, props: fileProps })
      } catch (error) {
        if (isNotFound(error)) throw new FileOperationError('list', path, 'not-found', 404)
        throw error
      }
      const url = resolveTarget(base, path)
      const target = relativePath(base, { url: url.href, path: decodePath(url.pathname) })
      // A per-member failure inside the 207 is never dropped: the listing would look complete.
      const failures = memberFailuresOf(listing.responses.filter(isNotResource))
      if (failures.length > 0) {
        const gone = failures.find((f) => relativePath(base, f.href) === target)
        if (gone?.status.kind === 'status' && gone.status.code === 404) throw new FileOperationError('list', path, 'not-found', 404)
        throw new FileOperationError('list', path, 'member-failures', listing.status, failures)
      }
      const entries = listing.resources.map((r) => toFileEntry(base, r))
      const self = entries.find((entry) => entry.path === target)
      if (self?.kind === 'file') throw new FileOperationError('list', path, 'not-a-folder', listing.status)
      return entries.filter((entry) => entry !== self)
    },
    listEach: (path = '', options = {}) => listFolder(client, path, options),
    walk: (path = '', options = {}) => walkFolder(client, path, options),
    stat,
    async exists(path, options = {}) {
      try {
        await stat(path, options)
        return true
      } catch (error) {
        if (error instanceof FileOperationError && error.outcome === 'not-found') return false
        throw error
      }
    },
    readText: (path, options = {}) => read('readText', path, options, 'text') as Promise<string>,
    readBytes: (path, options = {}) => read('readBytes', path, options, 'bytes') as Promise<Uint8Array>,
    download: (path, options = {}) => downloadFile(client, path, options),
    writeText: (path, text, options = {}) => write('writeText', path, text, options),
    writeBytes: (path, body, options = {}) => write('writeBytes', path, body, options),
    async upload(path, source, options = {}) {
      if (options.createParents === true) {
        const slash = path.replace(/\/+$/, '').lastIndexOf('/')
        if (slash > 0)
          await createFolder(path.slice(0, slash), { recursive: true, ...(options.signal === undefined ? {} : { signal: options.signal }) })
      }
      return await uploadFile(client, path, source, options)
    },
    createFolder,
    async remove(path, options = {}) {
      let result
      try {
        result = await client.delete(path, options)
      } catch (error) {
        // nginx refuses DELETE of a collection whose URL lacks the trailing slash (409).
        if (!(error instanceof HttpStatusError && error.status === 409) || path.endsWith('/')) throw error
        result = await client.delete(`${path}/`, options)
      }
      if (result.kind === 'deleted' || result.kind === 'not-found' || result.kind === 'uncertain') return
      throw new FileOperationError('remove', path, result.kind, result.status, failuresOf(result))
    },
    copy: (from, to, options = {}) => transferOrNotFound('copy', from, to, options),
    move: (from, to, options = {}) => transferOrNotFound('move', from, to, options),
    rename(path, newName, options = {}) {
      if (newName === '' || newName.includes('/') || newName === '.' || newName === '..') {
        throw new InvalidRequestError(`rename ${JSON.stringify(path)}: the new name ${JSON.stringify(newName)} must be one path segment`)
      }
      const trimmed = path.replace(/\/+$/, '')
      const slash = trimmed.lastIndexOf('/')
      const folder = slash === -1 ? '' : trimmed.slice(0, slash + 1)
      return transferOrNotFound('rename', path, `${folder}${newName}${path.endsWith('/') ? '/' : ''}`, options)
    },
    pathOf: (href) => filePathOf(base, href),
    urlOf: (path) => urlOfFilePath(base, path),
  }
}
