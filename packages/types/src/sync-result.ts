import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { MultiStatus, MultiStatusResponse } from './multistatus.ts'
import type { PropRequest, PropfindResource } from './propfind-result.ts'

/** `DAV:sync-level` of a sync-collection report (RFC 6578 section 6.3). */
export type SyncLevel = 1 | 'infinite'

/**
 * The changes since a sync token (RFC 6578). Store `token` and pass it to the next call.
 * When `truncated` is true the server sent only part of the changes (a 507 with
 * `number-of-matches-within-limits`): call again with `token` to get the rest.
 */
export interface SyncChanges<P extends PropRequest> {
  readonly kind: 'changes'
  /** The new sync token; never empty. */
  readonly token: string
  /** Members created or changed, with the requested properties decoded. */
  readonly changed: readonly PropfindResource<P>[]
  /** Members removed (a 404 response). */
  readonly removed: readonly ResourceHref[]
  /** Whether the server cut the list short: more changes follow from `token`. */
  readonly truncated: boolean
  /** Responses that are neither a change nor a removal nor the truncation marker (kept, never dropped). */
  readonly other: readonly MultiStatusResponse[]
  readonly status: number
  readonly attempts: number
}

/**
 * The token was refused (403 or 409 with the `valid-sync-token` precondition): it expired or is
 * from another collection. Sync again from scratch (no token) and reconcile.
 */
export interface SyncInvalidToken {
  readonly kind: 'invalid-token'
  readonly error: DavError | undefined
  readonly status: number
  readonly attempts: number
}

/** The answer to a sync-collection REPORT. Narrow on `kind`. */
export type SyncResult<P extends PropRequest> = SyncChanges<P> | SyncInvalidToken

/** The answer to a generic REPORT: the decoded multistatus. */
export interface ReportResult {
  readonly multistatus: MultiStatus
  readonly status: number
  readonly attempts: number
}
