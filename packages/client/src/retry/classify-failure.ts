import { isIdempotentMethod } from './idempotent-methods.ts'

/** A failed attempt, reduced to what the retry decision needs. */
export type AttemptFailure =
  /** No HTTP answer: connection refused or reset, DNS, TLS. `hopeless`: trying again cannot help (unknown host, TLS). */
  | { readonly kind: 'network'; readonly hopeless?: boolean | undefined }
  /** The attempt exceeded its timeout. */
  | { readonly kind: 'timeout' }
  /** The server answered with this status; `retryAfterMs` from a `Retry-After` header, if any. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterMs?: number | undefined }
  /** The caller aborted. */
  | { readonly kind: 'aborted' }
  /** Anything else: a bug, a refused redirect, an oversized body. */
  | { readonly kind: 'other' }

/**
 * - `transient`: try again after a backoff delay;
 * - `throttled`: the server asked to slow down (429, or 503 with `Retry-After`): try again after
 *   the delay it asked for;
 * - `fatal`: do not try again.
 */
export type FailureClass = 'transient' | 'throttled' | 'fatal'

/** What the caller chose about retries that the method and failure alone cannot decide. */
export interface ClassifyOptions {
  /** Retry `423 Locked` (the lock may be released soon). Default `false`. */
  readonly retryLocked?: boolean | undefined
}

const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 502, 503, 504])

/**
 * Decides whether a failed attempt may be retried. Pure: the same method and failure always give
 * the same answer. Only idempotent methods are ever retried (never LOCK or POST); they are retried
 * on network failures that may pass (not an unknown host, a bad port or TLS), timeouts, 408, 425, 429, 502, 503 and 504, and on 423 when `retryLocked`.
 */
export function classifyFailure(method: string, failure: AttemptFailure, options: ClassifyOptions = {}): FailureClass {
  if (failure.kind === 'aborted' || failure.kind === 'other') return 'fatal'
  if (!isIdempotentMethod(method)) return 'fatal'
  if (failure.kind === 'network') return failure.hopeless === true ? 'fatal' : 'transient'
  if (failure.kind === 'timeout') return 'transient'
  const { status } = failure
  if (status === 429) return 'throttled'
  if (status === 503 && failure.retryAfterMs !== undefined) return 'throttled'
  if (TRANSIENT_STATUSES.has(status)) return 'transient'
  if (status === 423 && options.retryLocked === true) return 'transient'
  return 'fatal'
}
