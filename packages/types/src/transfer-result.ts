import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { MemberFailure } from './member-failure.ts'
import type { MultiStatusResponse } from './multistatus.ts'
import type { ParsedStatus } from './status.ts'

/** COPY `Depth` (RFC 4918 section 9.8.3): the collection alone, or all of it. */
export type CopyDepth = 0 | 'infinity'

interface TransferBase {
  readonly status: number
  /** Attempts made, retries included. */
  readonly attempts: number
}

interface TransferWithError extends TransferBase {
  /** The `DAV:error` body, when there was one. */
  readonly error: DavError | undefined
}

/** 201: the destination did not exist and was created. */
export interface TransferCreated extends TransferBase {
  readonly kind: 'created'
}
/** 204: the destination existed and was replaced. */
export interface TransferReplaced extends TransferBase {
  readonly kind: 'replaced'
}
/** Another 2xx (a 200, or a 207 listing only successes). */
export interface TransferSucceeded extends TransferBase {
  readonly kind: 'succeeded'
}
/** 412: `Overwrite: F` and the destination exists (or an `If` header failed). */
export interface TransferPreconditionFailed extends TransferWithError {
  readonly kind: 'precondition-failed'
}
/** 409: an intermediate collection of the destination is missing. */
export interface TransferConflict extends TransferWithError {
  readonly kind: 'conflict'
}
/**
 * 423, or a multistatus naming a `423 Locked` at the source, the destination or a collection
 * above them: nothing was transferred. `lockedHrefs` names the locked resources (the 423 hrefs,
 * then the `lock-token-submitted` hrefs), `failures` everything the multistatus reported.
 */
export interface TransferLocked extends TransferWithError {
  readonly kind: 'locked'
  readonly lockedHrefs: readonly string[]
  readonly failures: readonly MemberFailure[]
  readonly description: string | undefined
}
/** 424, or a multistatus of only `424 Failed Dependency`: not done because something else failed. */
export interface TransferFailedDependency extends TransferWithError {
  readonly kind: 'failed-dependency'
  readonly failures: readonly MemberFailure[]
  readonly responses: readonly MultiStatusResponse[]
  readonly description: string | undefined
}
/** 403: refused, e.g. source and destination are the same resource. */
export interface TransferForbidden extends TransferWithError {
  readonly kind: 'forbidden'
}
/** 507: not enough space at the destination. */
export interface TransferInsufficientStorage extends TransferWithError {
  readonly kind: 'insufficient-storage'
}

/**
 * Part of the collection was transferred and some members were not. The server may say so with a
 * 207, or (as Apache does) with another status and a multistatus body; `status` is what it sent.
 */
export interface TransferPartial extends TransferBase {
  readonly kind: 'partial'
  /** Every member that failed, with its status and `DAV:error`, in document order. */
  readonly failures: readonly MemberFailure[]
  /** The multistatus as decoded. */
  readonly responses: readonly MultiStatusResponse[]
  readonly description: string | undefined
}

/**
 * The request was retried after an attempt whose fate is unknown (no answer, a timeout, a 502 or
 * 504), and the final answer is what one would see if that attempt had succeeded: a MOVE whose
 * source is gone (404) or whose destination now exists (412), a COPY whose destination exists
 * (412). Check the destination before assuming either way.
 */
export interface TransferUncertain extends TransferWithError {
  readonly kind: 'uncertain'
  /** The failures of the earlier attempts, oldest first. */
  readonly earlierFailures: readonly Error[]
}

/** The answer to a COPY or MOVE. Narrow on `kind`. */
export type TransferResult =
  | TransferCreated
  | TransferReplaced
  | TransferSucceeded
  | TransferPreconditionFailed
  | TransferConflict
  | TransferLocked
  | TransferFailedDependency
  | TransferForbidden
  | TransferInsufficientStorage
  | TransferPartial
  | TransferUncertain
