// The decoded values of the built-in property codecs, and the type that maps a record of codecs
// to a record of per-property results.
import type { CodecValue, PropertyCodec } from './property-codec.ts'
import type { PropertyResult } from './property-result.ts'
import type { QName } from './qname.ts'
import type { XmlElement } from './xml-node.ts'

/** The constraint on a record of codecs: every key of `P` holds a codec (interfaces included). */
export type PropertyCodecs<P> = { readonly [K in keyof P]: PropertyCodec<any> }

/** A property name with literal namespace and local name, as a user-defined codec carries it. */
export interface LiteralQName<Namespace extends string = string, Local extends string = string> extends QName {
  readonly namespace: Namespace
  readonly local: Local
}

/**
 * For each key of a record of codecs, the outcome of that property, typed by what its codec decodes.
 *
 * The constraint is `Record<keyof P, ...>` rather than `Record<string, ...>` so that records typed
 * by an interface (which has no implicit index signature) are accepted too; every
 * `Record<string, PropertyCodec<any>>` still is.
 *
 * @example
 * type R = PropertyResults<{ size: typeof davProps.getcontentlength }>
 * // { readonly size: PropertyResult<number> }
 */
export type PropertyResults<P extends PropertyCodecs<P>> = {
  readonly [K in keyof P]: PropertyResult<CodecValue<P[K]>>
}

/** A `DAV:getetag` value (RFC 4918 section 15.6, RFC 9110 section 8.8.3). */
export interface EntityTag {
  /** `true` for a weak tag (`W/"..."`). */
  readonly weak: boolean
  /** The opaque tag without the weakness prefix and without the surrounding quotes. */
  readonly value: string
  /** The text of the property exactly as sent. */
  readonly raw: string
}

/** A `DAV:resourcetype` value (RFC 4918 section 15.9). */
export interface ResourceType {
  /** Whether `DAV:collection` is among the types. An empty resourcetype is not a collection. */
  readonly collection: boolean
  /** The name of every child element, in document order (`DAV:collection` included). */
  readonly types: readonly QName[]
}

/** `DAV:lockscope` (RFC 4918 section 14.13). */
export type LockScope = 'exclusive' | 'shared'

/** `DAV:locktype` (RFC 4918 section 14.15): only write locks are defined. */
export type LockType = 'write'

/** `DAV:depth` of an active lock (RFC 4918 section 14.4): a lock covers the resource alone or its whole tree. */
export type LockDepth = '0' | 'infinity'

/** `DAV:timeout` of an active lock (RFC 4918 section 14.29). */
export type LockTimeout = { readonly kind: 'seconds'; readonly seconds: number } | { readonly kind: 'infinite' }

/** The `DAV:owner` of a lock: any XML the client put there when it locked. */
export interface LockOwner {
  /** The `DAV:owner` element with its content. */
  readonly element: XmlElement
  /** Its text content, trimmed (an `href` owner gives the URL). */
  readonly text: string
}

/** One `DAV:activelock` of `DAV:lockdiscovery` (RFC 4918 section 14.1). */
export interface ActiveLock {
  readonly scope: LockScope
  readonly type: LockType
  readonly depth: LockDepth
  /** `undefined` when the server did not report an owner. */
  readonly owner: LockOwner | undefined
  /** `undefined` when the server did not report a timeout. */
  readonly timeout: LockTimeout | undefined
  /** The lock token URI (`DAV:locktoken/DAV:href`), or `undefined` when the server hid it. */
  readonly token: string | undefined
  /** The root of the lock (`DAV:lockroot/DAV:href`); RFC 2518 servers do not send it. */
  readonly root: string | undefined
}

/** One `DAV:lockentry` of `DAV:supportedlock` (RFC 4918 section 14.10). */
export interface LockEntry {
  readonly scope: LockScope
  readonly type: LockType
}

/**
 * An RFC 4331 quota value. The RFC allows only non-negative byte counts; some servers
 * (Nextcloud, ownCloud) send negative codes: -3 for "unlimited", -1 and -2 for "not computed" or
 * "unknown". They are kept with their code rather than refused.
 */
export type QuotaBytes =
  | { readonly kind: 'bytes'; readonly bytes: number }
  | { readonly kind: 'unlimited'; readonly code: number }
  | { readonly kind: 'unknown'; readonly code: number }

/** `DAV:current-user-principal` (RFC 5397 section 3). */
export type CurrentUserPrincipal = { readonly kind: 'href'; readonly href: string } | { readonly kind: 'unauthenticated' }
