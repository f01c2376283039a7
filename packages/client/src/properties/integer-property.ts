import type { LiteralQName, WritablePropertyCodec } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { defineProperty } from './define-property.ts'
import { parseInteger } from './integer-text.ts'
import { textNodes } from './text-property.ts'

/**
 * A codec for a property whose value is a decimal integer (optionally signed) within the safe
 * integer range. Surrounding whitespace is ignored; anything else (`12.5`, `1e3`, `abc`, empty)
 * is a refused value.
 *
 * @example
 * const favorite = integerProperty('http://owncloud.org/ns', 'favorite')
 */
export function integerProperty<const Namespace extends string, const Local extends string>(
  namespace: Namespace,
  local: Local,
): WritablePropertyCodec<number, LiteralQName<Namespace, Local>> {
  return defineProperty({
    namespace,
    local,
    decode: (element) => parseInteger(textOf(element), true),
    encode: (value: number) => {
      if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`)
      return textNodes(String(value))
    },
  })
}
