import { DavRequestError } from './dav-request-error.ts'

/**
 * The caller's `AbortSignal` fired, during an attempt or while waiting to retry.
 * The signal's reason is `cause`.
 */
export class RequestAbortedError extends DavRequestError {
  override readonly code: 'aborted' = 'aborted'
}
