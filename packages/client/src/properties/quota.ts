import type { CodecResult, QuotaBytes } from '@davkit/types'
import { decoded } from './codec-result.ts'
import { parseInteger } from './integer-text.ts'

/** The code Nextcloud and ownCloud send for an unlimited quota. */
const unlimitedCode = -3

/**
 * Reads an RFC 4331 quota value (`quota-available-bytes`, `quota-used-bytes`). A non-negative
 * integer is a byte count; a negative one is a server-specific code the RFC does not allow but
 * Nextcloud and ownCloud send: -3 is `unlimited`, any other (-1 not computed, -2 unknown) is
 * `unknown`. The code is kept either way.
 */
export function parseQuotaBytes(text: string): CodecResult<QuotaBytes> {
  const number = parseInteger(text, true)
  if (!number.ok) return number
  const value = number.value
  if (value >= 0) return decoded({ kind: 'bytes', bytes: value })
  if (value === unlimitedCode) return decoded({ kind: 'unlimited', code: value })
  return decoded({ kind: 'unknown', code: value })
}
