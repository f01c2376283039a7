import { DavkitError } from '../../errors/davkit-error.ts'
import { HttpStatusError } from '../../errors/http-status-error.ts'
import { RequestAbortedError } from '../../errors/request-aborted-error.ts'
import { RequestTimeoutError } from '../../errors/request-timeout-error.ts'
import { TransportError } from '../../errors/transport-error.ts'
import { redactUrl } from '../../http/redact.ts'
import type { RequestPipeline } from '../../http/request-pipeline.ts'
import { summarizeRequest } from '../../http/summaries.ts'
import { isHopeless } from '../../http/transport-reason.ts'
import { classifyFailure, type AttemptFailure } from '../../retry/classify-failure.ts'
import { parseRetryAfter } from '../../retry/retry-after.ts'
import { runWithRetry } from '../../retry/run-with-retry.ts'

/** An upload carried out in attempts, each continuing from what the server confirms holding. */
export interface ResumableUpload<T> {
  readonly pipeline: RequestPipeline
  /** The target, redacted for `onRetry` and errors. */
  readonly url: URL
  readonly signal: AbortSignal | undefined
  /** The bytes the server has confirmed holding so far. */
  confirmed(): number
  /** One attempt; `resuming`: an earlier one failed, so ask the server what it holds before sending. */
  attempt(resuming: boolean): Promise<T>
}

/** What the upload gave, and how many times it continued after a failure. */
export interface ResumedOutcome<T> {
  readonly value: T
  readonly resumes: number
}

/** An attempt that failed after the server confirmed more bytes: the upload goes on with a fresh retry budget. */
class FailedAfterProgress extends Error {
  readonly failure: unknown
  constructor(failure: unknown) {
    super('an upload attempt failed after progress')
    this.failure = failure
  }
}

function describeFailure(error: unknown): AttemptFailure {
  if (error instanceof TransportError) return { kind: 'network', hopeless: isHopeless(error.reason) }
  if (error instanceof RequestTimeoutError) return { kind: 'timeout' }
  if (error instanceof HttpStatusError) {
    return { kind: 'status', status: error.status, retryAfterMs: parseRetryAfter(error.response?.headers['retry-after']) }
  }
  if (error instanceof RequestAbortedError) return { kind: 'aborted' }
  return { kind: 'other' }
}

/**
 * Runs an upload through the project's retry layer. The retried unit is the whole upload, which
 * is idempotent as a whole since every attempt after a failure starts from the server's own count
 * (hence classified as a `PUT`, whatever methods the mechanism sends). A failure after the server
 * confirmed more bytes does not use up the budget: the upload continues at once with a new one,
 * as the protocol's reference client does, so a long transfer over a link that drops now and then
 * gets through while a server that never moves forward still ends it.
 */
export async function runResumable<T>(upload: ResumableUpload<T>): Promise<ResumedOutcome<T>> {
  let resumes = 0
  let failed = false
  for (;;) {
    try {
      const outcome = await runWithRetry({
        method: 'PUT',
        url: redactUrl(upload.url),
        options: upload.pipeline.retry,
        signal: upload.signal,
        attempt: async () => {
          if (failed) resumes++
          const before = upload.confirmed()
          try {
            return await upload.attempt(failed)
          } catch (error) {
            failed = true
            const options = { retryLocked: upload.pipeline.retry.retryLocked }
            const transient = classifyFailure('PUT', describeFailure(error), options) === 'transient'
            if (transient && upload.confirmed() > before && upload.signal?.aborted !== true) throw new FailedAfterProgress(error)
            throw error
          }
        },
        describe: describeFailure,
      })
      return { value: outcome.value, resumes }
    } catch (error) {
      if (error instanceof FailedAfterProgress) continue
      // An abort between attempts (during a backoff) rejects with the signal's reason: typed as every abort is.
      if (upload.signal?.aborted === true && !(error instanceof DavkitError)) {
        throw new RequestAbortedError(`upload to ${redactUrl(upload.url)} was aborted`, {
          request: summarizeRequest('PUT', upload.url, new Headers()),
          cause: upload.signal.reason,
        })
      }
      throw error
    }
  }
}
