import type { CodecResult, LiteralQName, WritablePropertyCodec, XmlElement } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { decoded, undecodable } from './codec-result.ts'
import { defineProperty } from './define-property.ts'
import { parseHttpDate } from './http-date.ts'
import { textNodes } from './text-property.ts'

/** Decodes a property holding a date in any format {@link parseHttpDate} reads. */
export function decodeDate(element: XmlElement): CodecResult<Date> {
  const text = textOf(element)
  const date = parseHttpDate(text)
  if (date === undefined) return undecodable(`${JSON.stringify(text.trim())} is not a date`)
  return decoded(date)
}

/**
 * A codec for a property whose value is a date, read leniently (RFC 1123, RFC 850, asctime,
 * RFC 3339). Writing it sends the RFC 1123 form (`Sun, 06 Nov 1994 08:49:37 GMT`).
 *
 * @example
 * const due = dateProperty('urn:example:tasks', 'due')
 */
export function dateProperty<const Namespace extends string, const Local extends string>(
  namespace: Namespace,
  local: Local,
): WritablePropertyCodec<Date, LiteralQName<Namespace, Local>> {
  return defineProperty({
    namespace,
    local,
    decode: decodeDate,
    encode: (value: Date) => {
      if (Number.isNaN(value.getTime())) throw new RangeError('cannot encode an invalid Date')
      return textNodes(value.toUTCString())
    },
  })
}
