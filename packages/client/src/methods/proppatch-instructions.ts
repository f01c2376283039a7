import type { PropertyCodec, ProppatchInstruction, QName, WritablePropertyCodec, XmlNode } from '@davkit/types'

/**
 * A `set` instruction. With a writable codec the value is typed and encoded by the codec;
 * with a name, the value is text or XML children.
 *
 * @example
 * await dav.proppatch('a.txt', [
 *   setProperty(davProps.displayname, 'Report'),
 *   setProperty({ namespace: 'urn:x', local: 'tags' }, [element({ namespace: 'urn:x', local: 'tag' }, [text('red')])]),
 *   removeProperty({ namespace: 'urn:x', local: 'old' }),
 * ])
 */
export function setProperty<T>(codec: WritablePropertyCodec<T>, value: T, lang?: string): ProppatchInstruction
export function setProperty(name: QName, value: string | readonly XmlNode[], lang?: string): ProppatchInstruction
export function setProperty<T>(
  target: WritablePropertyCodec<T> | QName,
  value: T | string | readonly XmlNode[],
  lang?: string,
): ProppatchInstruction {
  const withLang = lang === undefined ? {} : { lang }
  if ('encode' in target && typeof target.encode === 'function') {
    return { op: 'set', name: target.name, value: target.encode(value as T), ...withLang }
  }
  const name = 'name' in target ? target.name : target
  return { op: 'set', name, value: value as string | readonly XmlNode[], ...withLang }
}

/** A `remove` instruction, by name or by codec. */
export function removeProperty(target: QName | PropertyCodec<unknown>): ProppatchInstruction {
  return { op: 'remove', name: 'decode' in target ? target.name : target }
}
