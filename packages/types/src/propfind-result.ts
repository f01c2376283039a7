import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { MalformedResponse, RawProperty, StatusResponse } from './multistatus.ts'
import type { PropertyCodec } from './property-codec.ts'
import type { PropertyResults } from './property-values.ts'

/** The codecs a PROPFIND asks for, by the keys their results will have. */
export type PropRequest = Readonly<Record<string, PropertyCodec<any>>>

/** `Depth` of a PROPFIND (RFC 4918 section 10.2). */
export type PropfindDepth = 0 | 1 | 'infinity'

/** One resource of a PROPFIND answer (a `href, propstat+` response). */
export interface PropfindResource<P extends PropRequest> {
  readonly kind: 'resource'
  readonly href: ResourceHref
  /** For each requested codec, by its key, the outcome of that property: narrow on `kind`. */
  readonly props: PropertyResults<P>
  /** Every property the server reported for this resource, requested or not, in document order. */
  readonly properties: readonly RawProperty[]
  readonly error: DavError | undefined
  readonly description: string | undefined
  readonly location: ResourceHref | undefined
}

/**
 * One `DAV:response` of a PROPFIND answer: a resource with its properties, a status for one or
 * more hrefs (nginx reports a missing resource as a 207 holding a 404), or a response that fits
 * neither form, kept for inspection. Narrow on `kind`.
 */
export type PropfindEntry<P extends PropRequest> = PropfindResource<P> | StatusResponse | MalformedResponse

/** The decoded answer to a PROPFIND. */
export interface PropfindResult<P extends PropRequest> {
  /** Every response, in document order. */
  readonly responses: readonly PropfindEntry<P>[]
  /** The `resource` entries alone, in document order. */
  readonly resources: readonly PropfindResource<P>[]
  /** The `DAV:responsedescription` of the multistatus. */
  readonly description: string | undefined
  /** The HTTP status (207, or another 2xx that carried a multistatus). */
  readonly status: number
  /** Attempts made, retries included. */
  readonly attempts: number
}
