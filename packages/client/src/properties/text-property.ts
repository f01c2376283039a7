import type { LiteralQName, WritablePropertyCodec, XmlNode } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { decoded } from './codec-result.ts'
import { defineProperty } from './define-property.ts'

/** The children that hold a text value: none for the empty string. */
export function textNodes(text: string): readonly XmlNode[] {
  return text === '' ? [] : [{ kind: 'text', text }]
}

/**
 * A codec for a property whose value is text, read verbatim (whitespace kept, nothing coerced).
 * Child elements contribute their text.
 *
 * @example
 * const title = textProperty('http://www.zope.org/propsets/default', 'title')
 */
export function textProperty<const Namespace extends string, const Local extends string>(
  namespace: Namespace,
  local: Local,
): WritablePropertyCodec<string, LiteralQName<Namespace, Local>> {
  return defineProperty({
    namespace,
    local,
    decode: (element) => decoded(textOf(element)),
    encode: textNodes,
  })
}
