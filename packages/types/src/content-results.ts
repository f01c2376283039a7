import type { DavError } from './dav-error.ts'
import type { DownloadResumability } from './download-resume.ts'
import type { ResourceHref } from './href.ts'
import type { MemberFailure } from './member-failure.ts'
import type { MultiStatusResponse } from './multistatus.ts'
import type { ParsedStatus } from './status.ts'

/** How much of a body has moved so far; what a progress callback receives. */
export interface TransferProgress {
  /** Bytes read (download) or handed to `fetch` (upload) so far. */
  readonly loaded: number
  /** The total when known (`Content-Length`, the size of a string, bytes or Blob), else `undefined`. */
  readonly total: number | undefined
}

interface ContentBase {
  readonly status: number
  /** Attempts made, retries included. */
  readonly attempts: number
}

/** What the entity headers of a GET or PUT answer said, decoded. */
export interface EntityHeaders {
  /** `ETag` exactly as sent, or `undefined`. */
  readonly etag: string | undefined
  /** `Content-Type`, or `undefined`. */
  readonly contentType: string | undefined
  /** `Last-Modified` as a date, or `undefined` when absent or unparseable. */
  readonly lastModified: Date | undefined
}

/** A byte range of a representation (`Content-Range: bytes start-end/total`), `end` inclusive. */
export interface ContentRange {
  readonly start: number
  readonly end: number
  /** The full length, or `undefined` for `*`. */
  readonly total: number | undefined
}

/** 200: the whole representation. */
export interface GetFull<T> extends ContentBase, EntityHeaders {
  readonly kind: 'full'
  readonly data: T
  /** `Content-Length`, when sent. */
  readonly contentLength: number | undefined
  /** With `resume`: whether the body can continue after a dropped connection, and on which validator (else why not). */
  readonly resume?: DownloadResumability | undefined
}

/** 206: the part asked for with `range`. */
export interface GetPartial<T> extends ContentBase, EntityHeaders {
  readonly kind: 'partial'
  readonly data: T
  readonly range: ContentRange
  /** With `resume`: whether the body can continue after a dropped connection, and on which validator (else why not). */
  readonly resume?: DownloadResumability | undefined
}

/** 304: `ifNoneMatch` matched, the copy the caller has is current. */
export interface GetNotModified extends ContentBase {
  readonly kind: 'not-modified'
  readonly etag: string | undefined
}

/** 412: `ifMatch` did not match. */
export interface GetPreconditionFailed extends ContentBase {
  readonly kind: 'precondition-failed'
}

/** 416: the range starts beyond the end; `total` from `Content-Range: bytes * /total`. */
export interface GetRangeNotSatisfiable extends ContentBase {
  readonly kind: 'range-not-satisfiable'
  readonly total: number | undefined
}

/** The answer to a GET. Narrow on `kind`; `full` and `partial` carry `data`. */
export type GetResult<T> = GetFull<T> | GetPartial<T> | GetNotModified | GetPreconditionFailed | GetRangeNotSatisfiable

interface ContentWithError extends ContentBase {
  /** The `DAV:error` body, when there was one. */
  readonly error: DavError | undefined
}

/**
 * 423: the resource (or a collection above it) is locked and no matching lock token was
 * submitted. Servers say so with a 423, or with a multistatus (Apache: a 207 or 424 naming the
 * new member `424 Failed Dependency` and the locked collection `423 Locked`).
 */
export interface ContentLocked extends ContentWithError {
  readonly kind: 'locked'
  /**
   * The locked resources as the server named them: every href a multistatus answered `423` for,
   * then the `DAV:href`s of `lock-token-submitted` / `no-conflicting-lock` (the lock roots).
   * Empty when the server named none.
   */
  readonly lockedHrefs: readonly string[]
  /** Every resource a multistatus reported as failed (the 424 member, the 423 collection...), empty without one. */
  readonly failures: readonly MemberFailure[]
  /** The multistatus `responsedescription`, when there was one. */
  readonly description: string | undefined
}
/**
 * 424, or a multistatus whose every failure is `424 Failed Dependency`: not done because
 * something else failed; `failures` lists what the server named.
 */
export interface ContentFailedDependency extends ContentWithError {
  readonly kind: 'failed-dependency'
  readonly failures: readonly MemberFailure[]
  readonly responses: readonly MultiStatusResponse[]
  readonly description: string | undefined
}
/** 412: `If-Match`, `If-None-Match: *` or an `If` header did not hold; nothing was written. */
export interface ContentPreconditionFailed extends ContentWithError {
  readonly kind: 'precondition-failed'
}

/** 409 (or, for PUT, a 404 as rclone sends): a collection above the target does not exist. */
export interface ContentConflict extends ContentWithError {
  readonly kind: 'conflict'
}

/** 403: refused. */
export interface ContentForbidden extends ContentWithError {
  readonly kind: 'forbidden'
}

/** 507: not enough space. */
export interface ContentInsufficientStorage extends ContentWithError {
  readonly kind: 'insufficient-storage'
}

/** 201: PUT created the resource. */
export interface PutCreated extends ContentBase, EntityHeaders {
  readonly kind: 'created'
}

/** 200 or 204: PUT replaced the resource. */
export interface PutReplaced extends ContentBase, EntityHeaders {
  readonly kind: 'replaced'
}

/**
 * The PUT was retried after an attempt whose fate is unknown (no answer, timeout, 502/504), and
 * the final answer is a 412: the precondition (`ifNoneMatch: '*'`, `ifMatch`) may have failed only
 * because that earlier attempt wrote the body. Whether the content is the one sent is unknown.
 */
export interface PutUncertain extends ContentWithError {
  readonly kind: 'uncertain'
  readonly earlierFailures: readonly Error[]
}

/**
 * The answer to a PUT. Narrow on `kind`. A lost update caught by `ifMatch` or `ifNoneMatch: '*'`
 * is `precondition-failed`, or `uncertain` when an earlier attempt of the same PUT may have been
 * carried out.
 */
export type PutResult =
  | PutCreated
  | PutReplaced
  | PutUncertain
  | ContentPreconditionFailed
  | ContentConflict
  | ContentLocked
  | ContentFailedDependency
  | WritePartial
  | ContentForbidden
  | ContentInsufficientStorage

/** 200 or 204: the resource (and every member) is gone. */
export interface DeleteDeleted extends ContentBase {
  readonly kind: 'deleted'
}

/** 404: there was nothing to delete. */
export interface DeleteNotFound extends ContentBase {
  readonly kind: 'not-found'
}

/**
 * A multistatus reported failures that are neither a lock on the target nor only failed
 * dependencies: for a collection, the members that could not be acted on (the others were);
 * for a single resource, what the server named (a parent whose `If` did not hold...). Servers say
 * so with a 207, or with another status and a multistatus body (Apache); `status` is what was
 * sent, `failures` every resource reported as failed, in document order.
 */
export interface WritePartial extends ContentBase {
  readonly kind: 'partial'
  readonly failures: readonly MemberFailure[]
  readonly responses: readonly MultiStatusResponse[]
  readonly description: string | undefined
}
/**
 * The DELETE was retried after an attempt whose fate is unknown (no answer, timeout, 502/504),
 * and the final answer is a 404: that attempt probably deleted it.
 */
export interface DeleteUncertain extends ContentBase {
  readonly kind: 'uncertain'
  readonly earlierFailures: readonly Error[]
}

/** The answer to a DELETE. Narrow on `kind`. */
export type DeleteResult =
  | DeleteDeleted
  | DeleteNotFound
  | WritePartial
  | DeleteUncertain
  | ContentPreconditionFailed
  | ContentLocked
  | ContentFailedDependency
  | ContentForbidden

/** 201: the collection was created (with `parents`, `createdParents` lists the ones made on the way). */
export interface MkcolCreated extends ContentBase {
  readonly kind: 'created'
  /** Decoded paths (relative to the base URL) of the missing parents that were created first, outermost first. */
  readonly createdParents: readonly string[]
}

/**
 * Something already exists at that URL (a collection or a file; check with PROPFIND): a 405, or
 * a 400 (Apache) or 404 to `name/` while a file exists at `name`.
 */
export interface MkcolAlreadyExists extends ContentBase {
  readonly kind: 'already-exists'
}

/** 415: the server does not accept a body with MKCOL. */
export interface MkcolUnsupportedMediaType extends ContentBase {
  readonly kind: 'unsupported-media-type'
}

/**
 * The MKCOL was retried after an attempt whose fate is unknown (no answer, timeout, 502/504), and
 * the final answer is a 405: the collection there is probably the one that attempt created.
 */
export interface MkcolUncertain extends ContentBase {
  readonly kind: 'uncertain'
  readonly earlierFailures: readonly Error[]
}

/** The answer to a MKCOL. Narrow on `kind`; a missing parent is `conflict` (unless `parents: true`). */
export type MkcolResult =
  | MkcolCreated
  | MkcolAlreadyExists
  | MkcolUncertain
  | MkcolUnsupportedMediaType
  | ContentConflict
  | ContentLocked
  | ContentFailedDependency
  | WritePartial
  | ContentForbidden
  | ContentInsufficientStorage

/** The answer to an OPTIONS request. */
export interface OptionsResult extends ContentBase {
  /** Every compliance class of the `DAV` header(s) as sent (`1`, `2`, `3`, `access-control`, `<urn:...>`). */
  readonly compliance: readonly string[]
  /** Whether class 1, 2 and 3 are announced (class 2 or 3 implies class 1, even when a server lists it alone). */
  readonly classes: { readonly 1: boolean; readonly 2: boolean; readonly 3: boolean }
  /** Methods of `Allow`, upper case, in order. */
  readonly allow: readonly string[]
  /** Whether the `DAV` header was present at all (a server without WebDAV sends none). */
  readonly dav: boolean
}
