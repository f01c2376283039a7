import type {
  CodecResult,
  PropertyCodec,
  PropertyCodecs,
  PropertyResult,
  PropertyResults,
  QName,
  RawProperty,
  XmlElement,
} from '@davkit/types'
import { thrownMessage } from './codec-result.ts'
import { sameName } from './dav-name.ts'
import { PropertyNameMismatchError } from './property-name-mismatch-error.ts'

/**
 * The first property of that name (namespace URI and local name compared exactly, prefixes never
 * matter), in document order, or `undefined` when the server did not mention it.
 *
 * @example
 * const raw = findProperty(response.properties, { namespace: 'http://owncloud.org/ns', local: 'size' })
 */
export function findProperty(properties: readonly RawProperty[], name: QName): RawProperty | undefined {
  for (let index = 0; index < properties.length; index++) {
    const property = properties[index] as RawProperty
    if (property.name === name || sameName(property.name, name)) return property
  }
  return undefined
}

function runCodec<T>(codec: PropertyCodec<T>, element: XmlElement): CodecResult<T> {
  let result: CodecResult<T> | undefined
  try {
    result = codec.decode(element)
  } catch (thrown) {
    return { ok: false, problem: `decoder threw: ${thrownMessage(thrown)}` }
  }
  // A hand-written codec may break its contract; its result is then refused, never trusted.
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
    return { ok: false, problem: 'decoder returned no result' }
  }
  return result
}

/**
 * Turns what the server reported for one property into its typed outcome:
 * - `undefined` (not mentioned) is `missing`;
 * - a 2xx value is run through the codec: `value` when it decodes, `invalid` with the codec's
 *   message when it does not (an exception thrown by a user codec is caught and becomes `invalid`);
 * - `failed` and `status-problem` are passed through.
 *
 * @throws {PropertyNameMismatchError} when `raw` is a property of another name than the codec's.
 * @example
 * const length = decodeProperty(davProps.getcontentlength, findProperty(response.properties, davProps.getcontentlength.name))
 * if (length.kind === 'value') console.log(length.value + 1)
 */
export function decodeProperty<T>(codec: PropertyCodec<T>, raw: RawProperty | undefined): PropertyResult<T> {
  if (raw === undefined) return { kind: 'missing', name: codec.name }
  if (!sameName(raw.name, codec.name)) throw new PropertyNameMismatchError(codec.name, raw.name)
  switch (raw.kind) {
    case 'value': {
      const result = runCodec(codec, raw.element)
      if (result.ok) return { kind: 'value', name: raw.name, status: raw.status, value: result.value, element: raw.element }
      return { kind: 'invalid', name: raw.name, status: raw.status, element: raw.element, problem: result.problem }
    }
    case 'failed':
      return { kind: 'failed', name: raw.name, status: raw.status, error: raw.error, description: raw.description }
    case 'status-problem':
      return { kind: 'status-problem', name: raw.name, problem: raw.problem, element: raw.element }
  }
}

/**
 * Decodes several properties of one resource at once: for each key of `codecs`, the outcome of
 * that codec's property among `properties`. The result type follows from the codecs.
 *
 * @example
 * const props = decodeProperties({ size: davProps.getcontentlength, etag: davProps.getetag }, response.properties)
 * if (props.size.kind === 'value') props.size.value // number
 */
export function decodeProperties<const P extends PropertyCodecs<P>>(codecs: P, properties: readonly RawProperty[]): PropertyResults<P> {
  return propertiesDecoder(codecs)(properties)
}

/**
 * {@link decodeProperties} for many resources with the same codecs (a listing): the codecs are
 * read once, and each property name seen is matched to its codecs once. Decoded documents use one
 * name object per (namespace, local name), so the match is found by identity afterwards.
 */
export function propertiesDecoder<const P extends PropertyCodecs<P>>(
  codecs: P,
): (properties: readonly RawProperty[]) => PropertyResults<P> {
  const entries = Object.entries(codecs) as [string, PropertyCodec<unknown>][]
  // For each name object seen, the indexes of the codecs it answers (most often one, or none).
  const matches = new Map<QName, readonly number[]>()
  const matchesOf = (name: QName): readonly number[] => {
    let found = matches.get(name)
    if (found === undefined) {
      found = entries.flatMap(([, codec], index) => (sameName(codec.name, name) ? [index] : []))
      // Names made by hand (not by the decoder) could be many: the memo stays small.
      if (matches.size > 1024) matches.clear()
      matches.set(name, found)
    }
    return found
  }
  return (properties) => {
    // The first property of each codec's name, in document order.
    const firsts: (RawProperty | undefined)[] = new Array(entries.length)
    for (let index = 0; index < properties.length; index++) {
      const property = properties[index] as RawProperty
      for (const codecIndex of matchesOf(property.name)) firsts[codecIndex] ??= property
    }
    const results: Record<string, PropertyResult<unknown>> = {}
    for (let index = 0; index < entries.length; index++) {
      const [key, codec] = entries[index] as [string, PropertyCodec<unknown>]
      results[key] = decodeProperty(codec, firsts[index])
    }
    return results as PropertyResults<P>
  }
}
