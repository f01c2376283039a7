import type { DavError } from '@davkit/types'
import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/**
 * The server refused a PROPFIND with `Depth: infinity` (RFC 4918 section 9.1): ask again with
 * depth 1 and walk the tree. `evidence` says how it was recognised: a `DAV:propfind-finite-depth`
 * condition in the body, or (Apache sends an HTML page) a 403 to a `Depth: infinity` request.
 */
export class DepthRefusedError extends DavRequestError {
  override readonly code: 'depth-refused' = 'depth-refused'
  readonly status: number
  readonly evidence: 'propfind-finite-depth' | 'status-403'
  readonly davError: DavError | undefined

  constructor(
    message: string,
    options: DavRequestErrorOptions & {
      readonly status: number
      readonly evidence: 'propfind-finite-depth' | 'status-403'
      readonly davError: DavError | undefined
    },
  ) {
    super(message, options)
    this.status = options.status
    this.evidence = options.evidence
    this.davError = options.davError
  }
}
