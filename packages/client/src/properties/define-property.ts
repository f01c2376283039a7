import type { CodecResult, LiteralQName, PropertyCodec, WritablePropertyCodec, XmlElement, XmlNode } from '@davkit/types'
import { thrownMessage, undecodable } from './codec-result.ts'
import { InvalidPropertyNameError } from './invalid-property-name-error.ts'
import { isNCName } from '../xml/ncname.ts'

/** What {@link defineProperty} needs to know about a property. */
export interface PropertyDefinition<T, Namespace extends string, Local extends string> {
  /** The namespace URI (`''` for a property in no namespace). Prefixes play no part. */
  readonly namespace: Namespace
  /** The local name, an XML NCName. */
  readonly local: Local
  /** Decodes the property element; a thrown exception is turned into a refused value. */
  decode(element: XmlElement): CodecResult<T>
  /** Encodes a value as the children of the property element, for PROPPATCH. */
  encode?(value: T): readonly XmlNode[]
}

/**
 * Makes a codec for a property in any namespace. The name keeps its literal types, and the value
 * type is inferred from `decode`. A definition with `encode` gives a writable codec.
 *
 * The returned `decode` never throws: an exception thrown by the given `decode` becomes a refused
 * value carrying its message.
 *
 * @throws {InvalidPropertyNameError} when `local` is not an XML NCName.
 * @example
 * const size = defineProperty({
 *   namespace: 'http://owncloud.org/ns',
 *   local: 'size',
 *   decode: (element) => {
 *     const n = Number(textOf(element))
 *     return Number.isSafeInteger(n) ? decoded(n) : undecodable(`not a size: ${textOf(element)}`)
 *   },
 * })
 */
export function defineProperty<T, const Namespace extends string, const Local extends string>(
  definition: PropertyDefinition<T, Namespace, Local> & { encode(value: T): readonly XmlNode[] },
): WritablePropertyCodec<T, LiteralQName<Namespace, Local>>
export function defineProperty<T, const Namespace extends string, const Local extends string>(
  definition: PropertyDefinition<T, Namespace, Local>,
): PropertyCodec<T, LiteralQName<Namespace, Local>>
export function defineProperty<T, const Namespace extends string, const Local extends string>(
  definition: PropertyDefinition<T, Namespace, Local>,
): PropertyCodec<T, LiteralQName<Namespace, Local>> {
  if (!isNCName(definition.local)) throw new InvalidPropertyNameError(definition.local)
  const name: LiteralQName<Namespace, Local> = { namespace: definition.namespace, local: definition.local }
  const decode = (element: XmlElement): CodecResult<T> => {
    try {
      return definition.decode(element)
    } catch (thrown) {
      return undecodable(`decoder threw: ${thrownMessage(thrown)}`)
    }
  }
  if (definition.encode === undefined) return { name, decode }
  const encode = definition.encode
  return { name, decode, encode: (value: T): readonly XmlNode[] => encode.call(definition, value) }
}
