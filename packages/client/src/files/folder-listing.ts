import type { FileEntry, MemberFailure } from '@davkit/types'
import type { DavClient } from '../client.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import { memberFailuresOf } from '../methods/content-outcomes.ts'
import { decodePath } from '../multistatus/resolve-href.ts'
import { resolveTarget } from '../paths/resolve-target.ts'
import { FileOperationError, type FileOperation } from './file-operation-error.ts'
import { fileProps, relativePath, toFileEntry } from './file-props.ts'

/** Options of `walk`. */
export interface WalkOptions extends RequestOptions {
  /** How many levels below the starting folder to go: 1 lists it alone. Default: all of them. */
  readonly maxDepth?: number
}

/**
 * The members of the folder at `path` (relative to the base URL), handed out as the listing
 * arrives (see `DavClient.propfindEach`) and not kept. The folder itself
 * is not one of them. A missing folder fails with outcome `not-found`, a file with `not-a-folder`.
 * A member the server reports as failed or malformed is never dropped: the others are handed
 * out, then the iteration fails with outcome `member-failures` naming each such member.
 */
export async function* listFolder(
  client: DavClient,
  path: string,
  options: RequestOptions,
  operation: FileOperation = 'list',
): AsyncGenerator<FileEntry, void, undefined> {
  const base = client.baseUrl
  const url = resolveTarget(base, path)
  const target = relativePath(base, { url: url.href, path: decodePath(url.pathname) })
  const failures: MemberFailure[] = []
  try {
    for await (const entry of client.propfindEach(path, { ...options, depth: 1, props: fileProps })) {
      if (entry.kind !== 'resource') {
        for (const failure of memberFailuresOf([entry])) {
          const status = failure.status.kind === 'status' ? failure.status.code : undefined
          if (status === 404 && relativePath(base, failure.href) === target) throw new FileOperationError(operation, path, 'not-found', 404)
          failures.push(failure)
        }
        continue
      }
      const file = toFileEntry(base, entry)
      if (file.path === target) {
        if (file.kind === 'file') throw new FileOperationError(operation, path, 'not-a-folder', 207)
        continue
      }
      yield file
    }
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404) throw new FileOperationError(operation, path, 'not-found', 404)
    throw error
  }
  // Handed out last, so that one failed member does not hide the others.
  if (failures.length > 0) throw new FileOperationError(operation, path, 'member-failures', 207, failures)
}

/**
 * Every file and folder below `path`, each folder listed with `Depth: 1` (which every server
 * answers, unlike `Depth: infinity`) as its listing arrives: the entries of a folder, then the
 * walk goes down into its subfolders in the order they came. Only the paths of folders still to
 * visit are kept. Fails as {@link listFolder} does, at the folder where it happens.
 */
export async function* walkFolder(client: DavClient, path: string, options: WalkOptions): AsyncGenerator<FileEntry, void, undefined> {
  const { maxDepth = Number.POSITIVE_INFINITY, ...request } = options
  // Folders still to list, and how deep each is; the last one pushed is listed next.
  const pending: { readonly path: string; readonly depth: number }[] = [{ path, depth: 1 }]
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const below: string[] = []
    for await (const entry of listFolder(client, folder.path, request, 'walk')) {
      yield entry
      if (entry.kind === 'collection' && folder.depth < maxDepth) below.push(entry.path)
    }
    for (let index = below.length - 1; index >= 0; index--) pending.push({ path: below[index] as string, depth: folder.depth + 1 })
  }
}
