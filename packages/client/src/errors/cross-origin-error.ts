import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/** Where a request would have left the client's origin. */
export type CrossOriginKind =
  /** A redirect pointed to another origin; it was not followed, so no credentials went there. */
  | 'redirect'
  /** A COPY/MOVE `Destination` on another origin, without `allowCrossOrigin`. */
  | 'destination'
  /** A request URL (an absolute target) on another origin than `baseUrl`. */
  | 'request'

/**
 * A request would have gone to, or named, another origin than the client's `baseUrl`.
 * Nothing was sent there: credentials only ever go to the base URL's origin.
 */
export class CrossOriginError extends DavRequestError {
  override readonly code: 'cross-origin' = 'cross-origin'
  readonly kind: CrossOriginKind
  /** The other origin (`scheme://host:port`). */
  readonly targetOrigin: string

  constructor(message: string, options: DavRequestErrorOptions & { readonly kind: CrossOriginKind; readonly targetOrigin: string }) {
    super(message, options)
    this.kind = options.kind
    this.targetOrigin = options.targetOrigin
  }
}
