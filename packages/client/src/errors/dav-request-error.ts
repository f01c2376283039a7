import type { RequestSummary, ResponseSummary } from '@davkit/types'
import { DavkitError } from './davkit-error.ts'

/** What every error about one HTTP exchange carries, already redacted. */
export interface DavRequestErrorOptions extends ErrorOptions {
  readonly request: RequestSummary
  readonly response?: ResponseSummary | undefined
  /** How many attempts were made, retries included. */
  readonly attempts?: number | undefined
}

/**
 * The base of the errors raised while carrying out one request: it carries the request, the
 * response when there was one, and the number of attempts. Credentials never appear in any of them.
 */
export abstract class DavRequestError extends DavkitError {
  readonly request: RequestSummary
  readonly response: ResponseSummary | undefined
  readonly attempts: number

  constructor(message: string, options: DavRequestErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.request = options.request
    this.response = options.response
    this.attempts = options.attempts ?? 1
  }
}
