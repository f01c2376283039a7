/**
 * The delay a `Retry-After` header asks for, in milliseconds: either delay-seconds or an
 * HTTP-date (RFC 9110 section 10.2.3). A date in the past gives 0. `undefined` when the header is
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) {
    const seconds = Number(text)
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined
  }
  // An HTTP-date names its weekday and its zone; plain numbers and ISO strings are not HTTP-dates.
  if (!/^[A-Za-z]{3},? /.test(text) && !/^[A-Za-z]+day, /.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}
