import pRetry, { AbortError } from 'p-retry'
import { classifyFailure, type AttemptFailure, type FailureClass } from './classify-failure.ts'
import type { ResolvedRetryOptions } from './retry-options.ts'

/** One operation to run with retries. */
export interface RetryRun<T> {
  /** The HTTP method, for classification. */
  readonly method: string
  /** The redacted URL, for `onRetry`. */
  readonly url: string
  readonly options: ResolvedRetryOptions
  readonly signal: AbortSignal | undefined
  /** One attempt; `attemptNumber` counts from 1. Rejects with the failure to classify. */
  readonly attempt: (attemptNumber: number) => Promise<T>
  /** What an error thrown by `attempt` means for the retry decision. */
  readonly describe: (error: unknown) => AttemptFailure
}

/** The value of the attempt that succeeded, how many attempts it took, and what the others threw. */
export interface RetryOutcome<T> {
  readonly value: T
  readonly attempts: number
  /** The errors of the failed attempts before the one that succeeded, in order. */
  readonly failures: readonly unknown[]
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `attempt` until it succeeds, a failure is fatal, the retries are used up, the time budget
 * is spent, or the signal aborts. This is the only retry layer: the request pipeline sends each
 * attempt through ky with ky's own retry off (`retry: 0`).
 *
 * A `Retry-After` longer than `maxRetryAfterMs`, or longer than what is left of
 * `maxRetryTimeMs`, ends the run at once with that failure instead of waiting.
 */
export async function runWithRetry<T>(run: RetryRun<T>): Promise<RetryOutcome<T>> {
  const { options, signal } = run
  const classes = new WeakMap<object, { cls: FailureClass; failure: AttemptFailure }>()
  const failures: unknown[] = []
  const started = performance.now()
  let attempts = 0

  const value = await pRetry(
    async (attemptNumber: number) => {
      attempts = attemptNumber
      try {
        return await run.attempt(attemptNumber)
      } catch (error) {
        failures.push(error)
        const failure = run.describe(error)
        const cls = classifyFailure(run.method, failure, { retryLocked: options.retryLocked })
        if (cls === 'fatal' || !(error instanceof Error)) {
          throw new AbortError(error instanceof Error ? error : new Error(String(error)))
        }
        classes.set(error, { cls, failure })
        throw error
      }
    },
    {
      retries: options.retries,
      minTimeout: options.minDelayMs,
      maxTimeout: options.maxDelayMs,
      factor: options.factor,
      randomize: options.jitter,
      maxRetryTime: options.maxRetryTimeMs,
      ...(signal === undefined ? {} : { signal }),
      shouldRetry: () => true,
      onFailedAttempt: async (context) => {
        const left = options.maxRetryTimeMs - (performance.now() - started)
        // No retry follows: p-retry rejects with this error right after the callback.
        if (context.retriesLeft <= 0 || left <= 0) return
        const known = classes.get(context.error)
        if (known === undefined) throw context.error
        let extra = 0
        if (known.failure.kind === 'status' && known.failure.retryAfterMs !== undefined) {
          const asked = known.failure.retryAfterMs
          if (asked > options.maxRetryAfterMs || asked > left) throw context.error
          extra = Math.max(0, asked - context.retryDelay)
        }
        const classification = known.cls === 'throttled' ? 'throttled' : 'transient'
        options.onRetry?.({
          method: run.method,
          url: run.url,
          attempt: context.attemptNumber,
          delayMs: context.retryDelay + extra,
          classification,
          error: context.error,
        })
        await sleep(extra, signal)
      },
    },
  )
  return { value, attempts, failures: failures.slice(0, attempts - 1) }
}
