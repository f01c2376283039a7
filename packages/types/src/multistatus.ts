import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { QName } from './qname.ts'
import type { HttpStatus, ParsedStatus, StatusProblem } from './status.ts'
import type { XmlElement } from './xml-node.ts'

/** A property reported inside a `propstat` whose status is 2xx. */
export interface PropertyValue {
  readonly kind: 'value'
  readonly name: QName
  readonly status: HttpStatus
  /** The property element with its children and attributes; decode it with a property codec. */
  readonly element: XmlElement
  /** The concatenated text content of the element, never coerced. */
  readonly text: string
}

/** A property reported inside a `propstat` whose status is 3xx, 4xx or 5xx. */
export interface PropertyFailure {
  readonly kind: 'failed'
  readonly name: QName
  readonly status: HttpStatus
  /** The `DAV:error` of the propstat, if any. */
  readonly error: DavError | undefined
  /** The `DAV:responsedescription` of the propstat, if any. */
  readonly description: string | undefined
}

/** A property inside a `propstat` whose status is missing, empty, garbled or 1xx. */
export interface PropertyStatusProblem {
  readonly kind: 'status-problem'
  readonly name: QName
  readonly problem: StatusProblem
  readonly element: XmlElement
}

/** One property of one resource, as the server reported it. Narrow on `kind`. */
export type RawProperty = PropertyValue | PropertyFailure | PropertyStatusProblem

/** A `DAV:propstat`: the status shared by a group of properties. */
export interface Propstat {
  readonly status: ParsedStatus
  readonly properties: readonly XmlElement[]
  readonly error: DavError | undefined
  readonly description: string | undefined
}

interface ResponseDetails {
  /** The `DAV:error` of the response, if any. */
  readonly error: DavError | undefined
  /** The `DAV:responsedescription` of the response, if any. */
  readonly description: string | undefined
  /** The `DAV:location` of a 3xx response, if any. */
  readonly location: ResourceHref | undefined
}

/** The `href+, status` form: one status for one or more resources (RFC 4918 section 14.24). */
export interface StatusResponse extends ResponseDetails {
  readonly kind: 'status'
  /** Every href of the response, in document order; never empty. */
  readonly hrefs: readonly [ResourceHref, ...ResourceHref[]]
  readonly status: ParsedStatus
}

/** The `href, propstat+` form: one resource and the outcome of each of its properties. */
export interface PropstatResponse extends ResponseDetails {
  readonly kind: 'propstat'
  readonly href: ResourceHref
  /** The propstats as sent, in document order. */
  readonly propstats: readonly Propstat[]
  /** Every property of every propstat, flattened in document order. */
  readonly properties: readonly RawProperty[]
}

/** Why a `DAV:response` fits neither form of RFC 4918 section 14.24. */
export type ResponseProblemKind = 'no-href' | 'no-status-or-propstat' | 'status-and-propstat' | 'several-hrefs-with-propstat'

/** A `DAV:response` that fits neither form. It is kept, never dropped. */
export interface MalformedResponse extends ResponseDetails {
  readonly kind: 'malformed'
  readonly problem: ResponseProblemKind
  readonly hrefs: readonly ResourceHref[]
  /** The raw response element, for inspection. */
  readonly element: XmlElement
}

/** One `DAV:response`. Narrow on `kind`. */
export type MultiStatusResponse = StatusResponse | PropstatResponse | MalformedResponse

/** A decoded `DAV:multistatus` body. */
export interface MultiStatus {
  /** One entry per `DAV:response` child of the root, in document order. */
  readonly responses: readonly MultiStatusResponse[]
  /** The `DAV:responsedescription` of the multistatus, if any. */
  readonly description: string | undefined
  /** The RFC 6578 `DAV:sync-token` of the multistatus, if any. */
  readonly syncToken: string | undefined
}
