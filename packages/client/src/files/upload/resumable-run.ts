import { DavkitError } from '../../errors/davkit-error.ts'
import { RequestAbortedError } from '../../errors/request-aborted-error.ts'
import { redactUrl } from '../../http/redact.ts'
import { summarizeRequest } from '../../http/summaries.ts'
import { classifyFailure } from '../../retry/classify-failure.ts'
import { runWithRetry } from '../../retry/run-with-retry.ts'
import { describeUploadFailure } from './upload-exchange.ts'
import type { UploadPlan } from './upload-mechanism.ts'

/** A step that failed after the server confirmed more bytes: the run starts over with its whole budget. */
interface Progressed {
  readonly done: false
}

/**
 * Runs an upload's step through the client's retry layer until it finishes. `step(resuming)` is
 * told whether an earlier step failed, so that it first asks the server what it holds. A failure
 * after `confirmed()` moved on does not use up the retries: the next run gets them all.
 * Classified as a PUT: each step writes at offsets the server confirmed, so repeating it is safe.
 */
async function runSteps<T>(plan: UploadPlan, step: (resuming: boolean) => Promise<T>, confirmed: () => number): Promise<T> {
  const options = plan.client.pipeline.retry
  let failed = false
  for (;;) {
    const outcome = await runWithRetry<{ readonly done: true; readonly value: T } | Progressed>({
      method: 'PUT',
      url: redactUrl(plan.url),
      options,
      signal: plan.signal,
      attempt: async () => {
        const before = confirmed()
        try {
          return { done: true, value: await step(failed) }
        } catch (error) {
          failed = true
          const moved = confirmed() > before
          if (moved && options.retries > 0 && classifyFailure('PUT', describeUploadFailure(error), options) !== 'fatal') {
            return { done: false }
          }
          throw error
        }
      },
      describe: describeUploadFailure,
    })
    if (outcome.value.done) return outcome.value.value
  }
}

/** The steps' run, where an abort (p-retry rejects with the signal's reason) is a `RequestAbortedError`. */
export async function runResumable<T>(plan: UploadPlan, step: (resuming: boolean) => Promise<T>, confirmed: () => number): Promise<T> {
  try {
    return await runSteps(plan, step, confirmed)
  } catch (error) {
    if (error instanceof DavkitError || plan.signal?.aborted !== true) throw error
    throw new RequestAbortedError(`upload to ${redactUrl(plan.url)} was aborted`, {
      request: summarizeRequest('PUT', plan.url, new Headers()),
      cause: plan.signal.reason,
    })
  }
}
