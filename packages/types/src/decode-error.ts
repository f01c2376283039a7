import type { DavError } from './dav-error.ts'
import type { QName } from './qname.ts'

/** Why a body could not be decoded. One code per kind of failure. */
export type DecodeFailure =
  /** The body was empty or held only whitespace. */
  | { readonly code: 'empty-body' }
  /** The body is not XML at all (an HTML page, JSON, plain text). */
  | { readonly code: 'not-xml'; readonly contentType: string | undefined }
  /** The body is XML but not well-formed (or not namespace-well-formed). */
  | { readonly code: 'malformed-xml'; readonly line: number; readonly column: number; readonly reason: string }
  /** The body carries a DOCTYPE or entity declaration; these are refused (no XXE, no entity expansion). */
  | { readonly code: 'doctype-forbidden' }
  /** The body is larger than the configured limit, in bytes. */
  | { readonly code: 'too-large'; readonly limit: number; readonly size: number }
  /** Elements nest deeper than the configured limit. */
  | { readonly code: 'too-deep'; readonly limit: number }
  /** An element carries more attributes than the configured limit. */
  | { readonly code: 'too-many-attributes'; readonly limit: number; readonly line: number; readonly column: number }
  /** An element declares more namespaces than the configured limit. */
  | { readonly code: 'too-many-namespaces'; readonly limit: number; readonly line: number; readonly column: number }
  /** An element or attribute name is longer than the configured limit, in characters. */
  | { readonly code: 'name-too-long'; readonly limit: number; readonly line: number; readonly column: number }
  /** The root element is a `DAV:error`: its conditions are decoded. */
  | { readonly code: 'dav-error'; readonly error: DavError }
  /** The root element is neither `DAV:multistatus` nor `DAV:error`. */
  | { readonly code: 'unexpected-root'; readonly root: QName }

/** The `code` of a {@link DecodeFailure}, to switch on. */
export type DecodeFailureCode = DecodeFailure['code']
