import type { ResourceHref } from './href.ts'

/** What the file-level layer knows of one resource, as plain typed fields. */
export interface FileEntryBase {
  /**
   * The decoded path relative to the client's base URL, without a trailing slash
   * (`''` for the base itself, `'Documents/My file.txt'`). A resource outside the base URL keeps
   * its absolute decoded path (starting with `/`).
   */
  readonly path: string
  /** The last segment of `path`, decoded (`''` for the base itself). */
  readonly name: string
  /** The `DAV:href` exactly as sent, resolved and decoded. */
  readonly href: ResourceHref
  /** `getlastmodified`, or `undefined` when absent or unparseable. */
  readonly modified: Date | undefined
  /** `creationdate`, or `undefined`. */
  readonly created: Date | undefined
  /** `getetag` exactly as sent, or `undefined`. */
  readonly etag: string | undefined
  /** `displayname`, or `undefined`. */
  readonly displayName: string | undefined
}

/** A file (any non-collection resource). */
export interface FileEntryFile extends FileEntryBase {
  readonly kind: 'file'
  /** `getcontentlength`, or `undefined` when the server did not report it (or reported garbage). */
  readonly size: number | undefined
  /** `getcontenttype`, or `undefined`. */
  readonly contentType: string | undefined
}

/** A collection (folder). */
export interface FileEntryCollection extends FileEntryBase {
  readonly kind: 'collection'
}

/**
 * A resource whose type the server did not report usably (its `resourcetype` propstat failed, or
 * the value was missing or invalid): it may be a file or a folder.
 */
export interface FileEntryUnknown extends FileEntryBase {
  readonly kind: 'unknown'
}

/** One entry of a folder listing, or the answer to a stat. Narrow on `kind`. */
export type FileEntry = FileEntryFile | FileEntryCollection | FileEntryUnknown
