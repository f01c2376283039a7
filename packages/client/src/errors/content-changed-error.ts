import type { ContentChangeReason, ResumeValidator } from '@davkit/types'
import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/** What a {@link ContentChangedError} is made from. */
export interface ContentChangedErrorOptions extends DavRequestErrorOptions {
  readonly reason: ContentChangeReason
  readonly expected: ResumeValidator
  readonly found: string | undefined
  readonly delivered: number
  readonly status: number
}

/**
 * A download that was resuming after a dropped connection found that the server no longer has the
 * same file (or would not send the rest of it): rather than splice two versions, it stops. The
 * bytes already delivered belong to the version named by `expected`; `found` is the validator of
 * the same kind the server answered with, when it sent one. `request.url` names the file
 * (credentials removed).
 */
export class ContentChangedError extends DavRequestError {
  override readonly code: 'content-changed' = 'content-changed'
  /** Why the download could not continue. */
  readonly reason: ContentChangeReason
  /** The validator the delivered bytes were read under, as sent in `If-Range`. */
  readonly expected: ResumeValidator
  /** The `ETag` (or `Last-Modified`, when that was the validator) of the answer, if it had one. */
  readonly found: string | undefined
  /** Bytes delivered to the caller before the change was found. */
  readonly delivered: number
  /** The status of the answer to the resumed request. */
  readonly status: number

  constructor(message: string, options: ContentChangedErrorOptions) {
    super(message, options)
    this.reason = options.reason
    this.expected = options.expected
    this.found = options.found
    this.delivered = options.delivered
    this.status = options.status
  }
}
