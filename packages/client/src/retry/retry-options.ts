import type { RetryEvent } from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'

/**
 * How failed attempts are retried. Only idempotent methods are retried, and only on failures
 * {@link classifyFailure} calls transient or throttled.
 *
 * Idempotent does not mean "the first attempt did nothing". When an attempt gets no answer
 * (connection reset, timeout) or a 502/504, the server may have carried it out. A retried MOVE
 * can then find its source gone (404) or, with `Overwrite: F`, its destination present (412); a
 * retried COPY with `Overwrite: F` can see 412. davkit reports these as `kind: 'uncertain'` with
 * the earlier failures instead of a plain failure, so the caller checks the destination rather
 * than assuming. A 503, 429, 408 or 425 tells that the request was not processed, so a retry
 * after them is not uncertain.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2 (three attempts at most); 0 disables retries. */
  readonly retries?: number
  /** Delay before the first retry, in milliseconds. Default 300. */
  readonly minDelayMs?: number
  /** Upper bound of one backoff delay, in milliseconds. Default 10 000. */
  readonly maxDelayMs?: number
  /** Growth of the delay from one retry to the next. Default 2. */
  readonly factor?: number
  /** Multiply each backoff delay by a random factor between 1 and 2. Default `true`. */
  readonly jitter?: boolean
  /** Time after which no new attempt starts, in milliseconds, counted from the first attempt. Default 60 000. */
  readonly maxRetryTimeMs?: number
  /**
   * The longest `Retry-After` that is honoured, in milliseconds. A server asking for longer is not
   * retried: the failure is thrown at once, its `Retry-After` header in `response.headers`. Default 60 000.
   */
  readonly maxRetryAfterMs?: number
  /** Retry `423 Locked`, in case the lock is released soon. Default `false`. */
  readonly retryLocked?: boolean
  /** Called before each retry, after the delay is known and before waiting. */
  readonly onRetry?: (event: RetryEvent) => void
}

/** Retry options with every default applied. */
export interface ResolvedRetryOptions {
  readonly retries: number
  readonly minDelayMs: number
  readonly maxDelayMs: number
  readonly factor: number
  readonly jitter: boolean
  readonly maxRetryTimeMs: number
  readonly maxRetryAfterMs: number
  readonly retryLocked: boolean
  readonly onRetry: ((event: RetryEvent) => void) | undefined
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!(value >= 0) || Number.isNaN(value)) {
    throw new InvalidRequestError(`retry.${name} must be a non-negative number, got ${String(value)}`)
  }
  return value
}

/** Applies defaults; `false` means no retries at all. Throws `InvalidRequestError` on bad values. */
export function resolveRetryOptions(options: RetryOptions | false | undefined): ResolvedRetryOptions {
  const o = options === false ? { retries: 0 } : (options ?? {})
  const retries = nonNegative('retries', o.retries, 2)
  if (!Number.isInteger(retries)) throw new InvalidRequestError('retry.retries must be an integer')
  return {
    retries,
    minDelayMs: nonNegative('minDelayMs', o.minDelayMs, 300),
    maxDelayMs: nonNegative('maxDelayMs', o.maxDelayMs, 10_000),
    factor: nonNegative('factor', o.factor, 2),
    jitter: o.jitter ?? true,
    maxRetryTimeMs: nonNegative('maxRetryTimeMs', o.maxRetryTimeMs, 60_000),
    maxRetryAfterMs: nonNegative('maxRetryAfterMs', o.maxRetryAfterMs, 60_000),
    retryLocked: o.retryLocked ?? false,
    onRetry: o.onRetry,
  }
}
