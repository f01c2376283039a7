import type { QName } from './qname.ts'
import type { XmlElement, XmlNode } from './xml-node.ts'

/** What a codec made of a property element: a value, or why it could not make one. */
export type CodecResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string }

/**
 * How to read (and, for PROPPATCH, write) one property. A codec is a plain value carrying the
 * property's name, so the set of codecs a request names decides the type of its result.
 */
export interface PropertyCodec<T, Name extends QName = QName> {
  readonly name: Name
  /** Decodes the property element as the server sent it. Never throws: a bad value is a `problem`. */
  decode(element: XmlElement): CodecResult<T>
  /** Encodes a value as the children of the property element, for PROPPATCH `set`. */
  encode?(value: T): readonly XmlNode[]
}

/** The value type a codec decodes to. */
export type CodecValue<C> = C extends PropertyCodec<infer T, QName> ? T : never

/** A codec that can also write its property (for PROPPATCH). */
export interface WritablePropertyCodec<T, Name extends QName = QName> extends PropertyCodec<T, Name> {
  encode(value: T): readonly XmlNode[]
}
