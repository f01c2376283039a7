import type { FileEntry, MkcolResult, PutCreated, PutReplaced } from '@davkit/types'
import type { DavClient } from '../client.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { ProgressCallback } from '../http/progress.ts'
import type { ContentBody } from '../http/request-body.ts'
import type { LockTokens } from '../methods/if-header.ts'
import { decodePath } from '../multistatus/resolve-href.ts'
import { resolveTarget } from '../paths/resolve-target.ts'
import { FileOperationError } from './file-operation-error.ts'
import { fileProps, relativePath, toFileEntry } from './file-props.ts'

/** Options of a file-level write. */
export interface WriteOptions extends RequestOptions {
  /** `false`: fail with outcome `precondition-failed` if something already exists (`If-None-Match: *`). Default `true`. */
  readonly overwrite?: boolean
  /** Write only over this entity tag (from `stat` or an earlier read): a concurrent change fails as `precondition-failed`. */
  readonly ifMatch?: string
  readonly contentType?: string
  /** Create the missing parent folders first. Default `false`. */
  readonly createParents?: boolean
  readonly lockToken?: LockTokens
  readonly onProgress?: ProgressCallback
}

/** Options of a file-level read. */
export interface ReadOptions extends RequestOptions {
  readonly onProgress?: ProgressCallback
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
   * outcome `not-a-folder`, a missing folder with the client's `HttpStatusError` 404.
   */
  list(path?: string, options?: RequestOptions): Promise<FileEntry[]>
  /** One resource; a missing one fails with outcome `not-found`. */
  stat(path: string, options?: RequestOptions): Promise<FileEntry>
  /** Whether something exists at `path`. */
  exists(path: string, options?: RequestOptions): Promise<boolean>
  /** The content of a file as text (decoded by its charset, UTF-8 by default). */
  readText(path: string, options?: ReadOptions): Promise<string>
  /** The content of a file as bytes. */
  readBytes(path: string, options?: ReadOptions): Promise<Uint8Array>
  /** Writes text (UTF-8) to a file, creating or replacing it. */
  writeText(path: string, text: string, options?: WriteOptions): Promise<PutCreated | PutReplaced>
  /** Writes bytes (or a Blob, or a stream) to a file, creating or replacing it. */
  writeBytes(path: string, body: Exclude<ContentBody, string>, options?: WriteOptions): Promise<PutCreated | PutReplaced>
  /**
   * Creates a folder. With `recursive` (the default), missing parents are created too and an
   * existing folder is fine; returns whether anything was created.
   */
  createFolder(path: string, options?: RequestOptions & { readonly recursive?: boolean }): Promise<boolean>
  /** Deletes a file or a folder with everything in it; a missing one is fine. */
  remove(path: string, options?: RequestOptions & { readonly lockToken?: LockTokens }): Promise<void>
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
    if (resource === undefined) {
      const missing = listing.responses.find((r) => r.kind === 'status')
      const status = missing?.kind === 'status' && missing.status.kind === 'status' ? missing.status.code : 404
      throw new FileOperationError('stat', path, status === 404 ? 'not-found' : 'no-properties', status)
    }
    return toFileEntry(base, resource)
  }

  async function write(
    operation: string,
    path: string,
    body: ContentBody,
    options: WriteOptions,
  ): Promise<PutCreated | PutReplaced> {
    const { overwrite, ifMatch, contentType, createParents, lockToken, onProgress, ...request } = options
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
    throw new FileOperationError(operation, path, result.kind, result.status)
  }

  async function read(operation: string, path: string, options: ReadOptions, as: 'text' | 'bytes'): Promise<string | Uint8Array> {
    let result
    try {
      result = await client.get(path, { ...options, as })
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
    if (result.kind === 'already-exists' && recursive) {
      const existing = await stat(path, request)
      if (existing.kind === 'collection') return false
      throw new FileOperationError('createFolder', path, 'file-in-the-way', result.status)
    }
    throw new FileOperationError('createFolder', path, result.kind, result.status)
  }

  return {
    client,
    async list(path = '', options = {}) {
      const listing = await client.propfind(path, { ...options, depth: 1, props: fileProps })
      const url = resolveTarget(base, path)
      const target = relativePath(base, { url: url.href, path: decodePath(url.pathname) })
      const entries = listing.resources.map((r) => toFileEntry(base, r))
      const self = entries.find((entry) => entry.path === target)
      if (self?.kind === 'file') throw new FileOperationError('list', path, 'not-a-folder', listing.status)
      return entries.filter((entry) => entry !== self)
    },
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
    writeText: (path, text, options = {}) => write('writeText', path, text, options),
    writeBytes: (path, body, options = {}) => write('writeBytes', path, body, options),
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
      throw new FileOperationError('remove', path, result.kind, result.status)
    },
  }
}
