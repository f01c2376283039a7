import type { DavError } from '@davkit/types'
import type { DavRequestErrorOptions } from './dav-request-error.ts'
import { HttpStatusError } from './http-status-error.ts'

/**
 * The server refused a PROPFIND with `Depth: infinity` (RFC 4918 section 9.1): ask again with
 * depth 1 and walk the tree. It is an `HttpStatusError` (code `http-status`, status 403) that
 * says why: `evidence` is `propfind-finite-depth` when the body carried that condition, or
 * `status-403` when a 403 answered a `Depth: infinity` request without it (Apache, lighttpd and
 * nginx send an HTML page or nothing).
 */
export class DepthRefusedError extends HttpStatusError {
  readonly evidence: 'propfind-finite-depth' | 'status-403'

  constructor(
    message: string,
    options: DavRequestErrorOptions & {
      readonly status: number
      readonly evidence: 'propfind-finite-depth' | 'status-403'
      readonly davError: DavError | undefined
    },
  ) {
    super(message, options)
    this.evidence = options.evidence
  }
}
