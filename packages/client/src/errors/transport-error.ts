import { DavRequestError } from './dav-request-error.ts'

/**
 * The request never got an HTTP answer: DNS failure, connection refused or reset, TLS failure.
 * The runtime's error is `cause`. Idempotent methods are retried on it.
 */
export class TransportError extends DavRequestError {
  override readonly code: 'transport' = 'transport'
}
