import type { DavError } from './dav-error.ts'
import type { QName } from './qname.ts'
import type { HttpStatus, StatusProblem } from './status.ts'
import type { XmlElement } from './xml-node.ts'

/** The property was returned with a 2xx status and its codec decoded it. */
export interface PropertyDecoded<T> {
  readonly kind: 'value'
  readonly name: QName
  readonly status: HttpStatus
  readonly value: T
  readonly element: XmlElement
}

/** The property was returned with a 2xx status but its codec could not decode the value. */
export interface PropertyInvalid {
  readonly kind: 'invalid'
  readonly name: QName
  readonly status: HttpStatus
  readonly element: XmlElement
  /** Why the codec refused the value. */
  readonly problem: string
}

/** The server reported a non-2xx status for the property (404, 403, 424, ...). */
export interface PropertyFailed {
  readonly kind: 'failed'
  readonly name: QName
  readonly status: HttpStatus
  readonly error: DavError | undefined
  readonly description: string | undefined
}

/** The property's propstat had a missing, empty, garbled or 1xx status. */
export interface PropertyUnknownStatus {
  readonly kind: 'status-problem'
  readonly name: QName
  readonly problem: StatusProblem
  readonly element: XmlElement
}

/** The property was requested but the server did not mention it at all. */
export interface PropertyMissing {
  readonly kind: 'missing'
  readonly name: QName
}

/** The outcome of one requested property. Narrow on `kind`. */
export type PropertyResult<T> = PropertyDecoded<T> | PropertyInvalid | PropertyFailed | PropertyUnknownStatus | PropertyMissing
