import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { ActiveLock } from './property-values.ts'
import type { MemberFailure } from './member-failure.ts'
import type { MultiStatusResponse } from './multistatus.ts'

interface LockBase {
  readonly status: number
  /** Attempts made: LOCK is never retried, so this is 1 unless it was a refresh. */
  readonly attempts: number
}

/**
 * 200 or 201: the lock is granted (or refreshed). `token` is the `Lock-Token` header (or, for a
 * refresh, the token refreshed); `lock` is the `activelock` of the answer's `lockdiscovery`
 * carrying that token; `discovery` every active lock reported.
 */
export interface LockGranted {
  readonly kind: 'granted'
  readonly status: number
  readonly attempts: number
  /** The lock token URI (`opaquelocktoken:...`, `urn:uuid:...`), without angle brackets. */
  readonly token: string
  /**
   * The root of the lock: the `lockroot` the server reported, else the URL that was locked. With
   * `token`, this makes the result itself a lock submission: pass it as `lockToken` to write under
   * the lock, including to new members of a locked collection (Apache wants the If header tagged
   * with the lock root there).
   */
  readonly root: ResourceHref
  /** The active lock with that token, when the server reported it. */
  readonly lock: ActiveLock | undefined
  /** Every active lock of the answer's `DAV:lockdiscovery`. */
  readonly discovery: readonly ActiveLock[]
  /** 201 when the LOCK created an empty resource at an unmapped URL. */
  readonly created: boolean
  /**
   * Why `discovery` is empty although the lock was granted: the body was missing or could not be
   * decoded. The lock is held all the same (`token` came from the `Lock-Token` header).
   */
  readonly discoveryProblem: string | undefined
}

/**
 * 423: a conflicting lock exists. `lockedHrefs` lists the hrefs of the `no-conflicting-lock`
 * or `lock-token-submitted` condition (lock roots), empty when the server named none.
 */
export interface LockConflict extends LockBase {
  readonly kind: 'locked'
  readonly error: DavError | undefined
  readonly lockedHrefs: readonly string[]
}

/** 412: a refresh named a token the server does not know for that resource (or an `If` failed). */
export interface LockPreconditionFailed extends LockBase {
  readonly kind: 'precondition-failed'
  readonly error: DavError | undefined
}

/** 207: a `Depth: infinity` lock failed because of some members (the failing ones are listed). */
export interface LockPartial extends LockBase {
  readonly kind: 'partial'
  readonly failures: readonly MemberFailure[]
  readonly responses: readonly MultiStatusResponse[]
}

/** 409: the parent collection does not exist (locking an unmapped URL). */
export interface LockConflictParent extends LockBase {
  readonly kind: 'conflict'
  readonly error: DavError | undefined
}

/** The answer to a LOCK or a lock refresh. Narrow on `kind`. */
export type LockResult = LockGranted | LockConflict | LockPreconditionFailed | LockPartial | LockConflictParent

/** 204 (or another 2xx): the lock is released. */
export interface UnlockReleased extends LockBase {
  readonly kind: 'unlocked'
}

/**
 * 409 (`lock-token-matches-request-uri`), 400 (Apache mod_dav) or 412: the token is not a lock on that resource
 * (expired, released, or the wrong resource). Nothing changed.
 */
export interface UnlockNotLocked extends LockBase {
  readonly kind: 'not-locked'
  readonly error: DavError | undefined
}

/** 403: the server refused to release a lock the caller does not own. */
export interface UnlockForbidden extends LockBase {
  readonly kind: 'forbidden'
  readonly error: DavError | undefined
}

/** The answer to an UNLOCK. Narrow on `kind`. */
export type UnlockResult = UnlockReleased | UnlockNotLocked | UnlockForbidden
