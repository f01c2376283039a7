import type { CodecResult } from '@davkit/types'
import { decoded, undecodable } from './codec-result.ts'

/**
 * Reads a decimal integer from a property's text. Whitespace around it is ignored (pretty-printed
 * bodies), leading zeros are allowed (`00123` is 123); a fraction, an exponent, a sign where none is
 * allowed, an empty text or a value beyond `Number.MAX_SAFE_INTEGER` is refused.
 */
export function parseInteger(text: string, allowNegative: boolean): CodecResult<number> {
  const trimmed = text.trim()
  if (trimmed === '') return undecodable('empty value, expected an integer')
  const pattern = allowNegative ? /^[+-]?\d+$/ : /^\+?\d+$/
  if (!pattern.test(trimmed)) {
    const expected = allowNegative ? 'an integer' : 'a non-negative integer'
    return undecodable(`${JSON.stringify(trimmed)} is not ${expected}`)
  }
  const value = Number(trimmed)
  if (!Number.isSafeInteger(value)) return undecodable(`${trimmed} is beyond the safe integer range`)
  // Number('-0') is -0; an integer property has no negative zero.
  return decoded(value === 0 ? 0 : value)
}
