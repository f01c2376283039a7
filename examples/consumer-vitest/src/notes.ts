/**
 * A consumer's code: a notes store kept as Markdown files in a WebDAV folder, written with
 * optimistic concurrency (a save only overwrites the version it was based on).
 */
import { createDavClient, createDavFiles, FileOperationError, type DavClientOptions } from '@davkit/client'

/** A note as listed. */
export interface NoteSummary {
  readonly name: string
  readonly size: number | undefined
  /** The version, for {@link NotesStore.save}'s `basedOn`. */
  readonly version: string | undefined
}

/** What a save did. */
export type SaveOutcome = { readonly kind: 'saved'; readonly version: string | undefined } | { readonly kind: 'conflict' }

export interface NotesStore {
  list(): Promise<NoteSummary[]>
  read(name: string): Promise<{ readonly text: string; readonly version: string | undefined }>
  /** Creates a note (no `basedOn`: fails as a conflict if it exists) or updates the version `basedOn`. */
  save(name: string, text: string, basedOn?: string): Promise<SaveOutcome>
}

export function createNotesStore(options: DavClientOptions): NotesStore {
  const dav = createDavClient(options)
  const files = createDavFiles(dav)
  return {
    async list() {
      const entries = await files.list('notes/')
      return entries
        .filter((entry) => entry.kind === 'file' && entry.name.endsWith('.md'))
        .map((entry) => ({ name: entry.name.slice(0, -3), size: entry.kind === 'file' ? entry.size : undefined, version: entry.etag }))
        .sort((a, b) => a.name.localeCompare(b.name))
    },
    async read(name) {
      const got = await dav.get(`notes/${name}.md`, { as: 'text' })
      if (got.kind !== 'full') throw new Error(`reading ${name}: ${got.kind}`)
      return { text: got.data, version: got.etag }
    },
    async save(name, text, basedOn) {
      try {
        const written = await files.writeText(`notes/${name}.md`, text, {
          contentType: 'text/markdown; charset=utf-8',
          createParents: true,
          ...(basedOn === undefined ? { overwrite: false } : { ifMatch: basedOn }),
        })
        return { kind: 'saved', version: written.etag }
      } catch (error) {
        if (error instanceof FileOperationError && error.outcome === 'precondition-failed') return { kind: 'conflict' }
        throw error
      }
    },
  }
}
