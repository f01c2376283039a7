import type { DecodeFailure } from '@davkit/types'
import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/**
 * The server answered, but the body could not be understood as what the method expected
 * (an HTML page with 200 where a 207 multistatus was due, broken XML, a DOCTYPE...).
 * `failure` says why; the decoder's `DecodeError` is `cause`.
 */
export class UndecodableResponseError extends DavRequestError {
  override readonly code: 'undecodable-response' = 'undecodable-response'
  readonly failure: DecodeFailure

  constructor(message: string, options: DavRequestErrorOptions & { readonly failure: DecodeFailure }) {
    super(message, options)
    this.failure = options.failure
  }
}
