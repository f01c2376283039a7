import type { QName } from './qname.ts'
import type { XmlElement } from './xml-node.ts'

/** One precondition or postcondition element of a `DAV:error` (RFC 4918 section 16). */
export interface DavCondition {
  readonly name: QName
  /** The condition element itself, with its content. */
  readonly element: XmlElement
  /** The `DAV:href` values inside the condition, e.g. the locks of `lock-token-submitted`. */
  readonly hrefs: readonly string[]
}

/** A decoded `DAV:error` element. */
export interface DavError {
  /** Every child element, in document order. */
  readonly conditions: readonly DavCondition[]
}

/** Names of the RFC 4918 section 16 and RFC 6578 conditions in the `DAV:` namespace. */
export type DavConditionName =
  | 'lock-token-matches-request-uri'
  | 'lock-token-submitted'
  | 'no-conflicting-lock'
  | 'no-external-entities'
  | 'preserved-live-properties'
  | 'propfind-finite-depth'
  | 'cannot-modify-protected-property'
  | 'valid-sync-token'
  | 'number-of-matches-within-limits'
