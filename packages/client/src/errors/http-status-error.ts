import type { DavError } from '@davkit/types'
import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/**
 * The server answered with a status the method does not treat as an outcome of its own
 * (a 404 on PROPFIND, a 401, a 500...). When the body was a `DAV:error`, its conditions are in
 * `davError`: a PROPFIND refused for `Depth: infinity` is a 403 with `propfind-finite-depth`.
 */
export class HttpStatusError extends DavRequestError {
  override readonly code: 'http-status' = 'http-status'
  readonly status: number
  /** The `DAV:error` body of the response, when it had one. */
  readonly davError: DavError | undefined

  constructor(message: string, options: DavRequestErrorOptions & { readonly status: number; readonly davError?: DavError | undefined }) {
    super(message, options)
    this.status = options.status
    this.davError = options.davError
  }

  /** Whether the `DAV:error` body names this `DAV:` condition, e.g. `'propfind-finite-depth'`. */
  hasCondition(local: string, namespace: string = 'DAV:'): boolean {
    return this.davError?.conditions.some((c) => c.name.local === local && c.name.namespace === namespace) ?? false
  }
}
