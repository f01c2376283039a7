/**
 * What the page does, without the DOM: list a WebDAV folder with davkit's file layer and return
 * plain rows. Runs the same in a browser and in Node.
 */
import { createDavClient, createDavFiles } from '@davkit/client'

/** One row of the listing. */
export interface FolderRow {
  readonly name: string
  readonly kind: 'file' | 'folder'
  /** Bytes, or `null` for folders and files whose size the server did not tell. */
  readonly size: number | null
  /** ISO 8601, or `null` when the server did not tell. */
  readonly modified: string | null
}

/** Lists `path` on the WebDAV server at `serverUrl`: folders first, then files, by name. */
export async function listFolder(serverUrl: string, path: string, signal?: AbortSignal): Promise<FolderRow[]> {
  const files = createDavFiles(createDavClient({ baseUrl: serverUrl, timeoutMs: 15_000, retry: { retries: 1 } }))
  const entries = await files.list(path, signal === undefined ? {} : { signal })
  return entries
    .map(
      (entry): FolderRow => ({
        name: entry.name,
        kind: entry.kind === 'collection' ? 'folder' : 'file',
        size: entry.kind === 'file' ? (entry.size ?? null) : null,
        modified: entry.modified?.toISOString() ?? null,
      }),
    )
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1))
}
