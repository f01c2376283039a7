import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/** One attempt took longer than the configured `timeout` (reading the body included). */
export class RequestTimeoutError extends DavRequestError {
  override readonly code: 'timeout' = 'timeout'
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number

  constructor(message: string, options: DavRequestErrorOptions & { readonly timeoutMs: number }) {
    super(message, options)
    this.timeoutMs = options.timeoutMs
  }
}
