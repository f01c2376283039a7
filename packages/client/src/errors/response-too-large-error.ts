import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/** The response body exceeded `maxResponseBytes`; reading stopped there and the stream was cancelled. */
export class ResponseTooLargeError extends DavRequestError {
  override readonly code: 'response-too-large' = 'response-too-large'
  /** The limit, in bytes. */
  readonly limit: number

  constructor(message: string, options: DavRequestErrorOptions & { readonly limit: number }) {
    super(message, options)
    this.limit = options.limit
  }
}
