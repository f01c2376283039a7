const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const

/** RFC 822 zone names still seen in the wild, as minutes east of UTC. */
const namedZones: Readonly<Record<string, number>> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
}

const zone = String.raw`(?:([a-z]{1,3})(?:\s*([+-]\d{2}(?::?\d{2})?))?|([+-]\d{2}(?::?\d{2})?))`

/** RFC 1123 (`Sun, 06 Nov 1994 08:49:37 GMT`) and RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`). */
const rfc1123 = new RegExp(
  String.raw`^(?:[a-z]+\s*,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})[\s-]+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*${zone})?$`,
  'i',
)

/** ANSI C asctime (`Sun Nov  6 08:49:37 1994`), optionally followed by a zone. */
const asctime = new RegExp(String.raw`^[a-z]+\s+([a-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})(?:\s*${zone})?$`, 'i')

const isoZone = String.raw`(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)`

/** RFC 3339 / ISO 8601 extended form (`1994-11-06T08:49:37.123+01:00`), zone optional. */
const isoExtended = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*${isoZone}?$`, 'i')

/** ISO 8601 basic form (`19941106T084937Z`), as DAViCal sends `creationdate`. */
const isoBasic = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?\s*${isoZone}?$`, 'i')

interface DateParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly millisecond: number
  /** Minutes east of UTC. */
  readonly offset: number
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase()
  const index = monthNames.findIndex((month) => lower === month || lower === month.slice(0, 3))
  return index === -1 ? undefined : index + 1
}

/** `+01:00`, `-0500`, `+02` as minutes east of UTC; `undefined` when out of range. */
function offsetMinutes(text: string): number | undefined {
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text)
  if (match === null) return undefined
  const hours = Number(match[2])
  const minutes = Number(match[3] ?? '0')
  if (hours > 23 || minutes > 59) return undefined
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

/** The offset of a zone written as a name, a name plus an offset (`GMT-00:00`) or an offset alone. */
function zoneOffset(name: string | undefined, nameOffset: string | undefined, bare: string | undefined): number | undefined {
  if (bare !== undefined) return offsetMinutes(bare)
  if (name === undefined) return 0
  const base = namedZones[name.toLowerCase()]
  if (base === undefined) return undefined
  if (nameOffset === undefined) return base
  const extra = offsetMinutes(nameOffset)
  return extra === undefined ? undefined : base + extra
}

/** Two-digit years as RFC 6265 reads them: 70..99 are 19xx, 00..69 are 20xx. */
function fullYear(text: string): number {
  const year = Number(text)
  if (text.length !== 2) return year
  return year >= 70 ? 1900 + year : 2000 + year
}

/** Milliseconds from a fraction of any length (extra digits are truncated). */
function fractionMilliseconds(text: string | undefined): number {
  if (text === undefined) return 0
  return Number(text.slice(0, 3).padEnd(3, '0'))
}

function toDate(parts: DateParts): Date | undefined {
  const { year, month, day, hour, minute, second, millisecond, offset } = parts
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  // A day past the end of its month rolls over into the next one: refuse it.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  date.setUTCHours(hour, minute, second, millisecond)
  return new Date(date.getTime() - offset * 60_000)
}

const FIXDATE_MONTHS: Readonly<Record<string, number>> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

// Whether the character at `index` is an ASCII letter (a day name's, which is not checked further).
function isLetter(text: string, index: number): boolean {
  const lower = text.charCodeAt(index) | 32
  return lower >= 97 && lower <= 122
}

// The value of the two decimal digits at `index`, or NaN.
function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index) - 48
  const units = text.charCodeAt(index + 1) - 48
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : Number.NaN
}

/**
 * The IMF-fixdate of RFC 9110 section 5.6.7 (`Sun, 06 Nov 1994 08:49:37 GMT`), the form nearly
 * every server sends, read without a regular expression: a listing holds one per entry. `null`
 * when the text is not exactly in that form (the general rules then read it); `undefined` when it
 * is, but names no real instant.
 */
function fromImfFixdate(text: string): Date | undefined | null {
  if (text.length !== 29 || text.charCodeAt(3) !== 44 /* , */ || !text.endsWith(' GMT')) return null
  if (text.charCodeAt(4) !== 32 || text.charCodeAt(7) !== 32 || text.charCodeAt(11) !== 32 || text.charCodeAt(16) !== 32) return null
  if (text.charCodeAt(19) !== 58 /* : */ || text.charCodeAt(22) !== 58) return null
  if (!isLetter(text, 0) || !isLetter(text, 1) || !isLetter(text, 2)) return null
  const month = FIXDATE_MONTHS[text.slice(8, 11)]
  const day = twoDigits(text, 5)
  const year = twoDigits(text, 12) * 100 + twoDigits(text, 14)
  const hour = twoDigits(text, 17)
  const minute = twoDigits(text, 20)
  const second = twoDigits(text, 23)
  // Years before 100 are left to the general rules: `Date.UTC` would read them as 19xx.
  if (month === undefined || Number.isNaN(day + year + hour + minute + second) || year < 100) return null
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day < 1 || day > (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0) || hour > 23 || minute > 59 || second > 60) return undefined
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second))
}

function fromRfc1123(match: RegExpExecArray): Date | undefined {
  const [, day, monthName, year, hour, minute, second, zoneName, zoneNameOffset, bareOffset] = match
  const month = monthNumber(monthName ?? '')
  const offset = zoneOffset(zoneName, zoneNameOffset, bareOffset)
  if (month === undefined || offset === undefined) return undefined
  return toDate({
    year: fullYear(year ?? ''),
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? '0'),
    millisecond: 0,
    offset,
  })
}

function fromAsctime(match: RegExpExecArray): Date | undefined {
  const [, monthName, day, hour, minute, second, year, zoneName, zoneNameOffset, bareOffset] = match
  const month = monthNumber(monthName ?? '')
  const offset = zoneOffset(zoneName, zoneNameOffset, bareOffset)
  if (month === undefined || offset === undefined) return undefined
  return toDate({
    year: Number(year),
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: 0,
    offset,
  })
}

function fromIso(match: RegExpExecArray): Date | undefined {
  const [, year, month, day, hour, minute, second, fraction, isoOffset] = match
  let offset: number | undefined = 0
  if (isoOffset !== undefined && /^[+-]/.test(isoOffset)) offset = offsetMinutes(isoOffset)
  if (offset === undefined) return undefined
  return toDate({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? '0'),
    minute: Number(minute ?? '0'),
    second: Number(second ?? '0'),
    millisecond: fractionMilliseconds(fraction),
    offset,
  })
}

/**
 * Reads a date in any of the formats WebDAV servers send for `getlastmodified` and
 * `creationdate`, leniently:
 *
 * - RFC 1123 (`Sun, 06 Nov 1994 08:49:37 GMT`), with a one-digit day, any or no weekday name
 *   (it is not checked), seconds optional, and the zone as `GMT`, `UTC`, `GMT-00:00`, `+0000`,
 *   an RFC 822 US zone name, or none (read as UTC);
 * - RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`), two-digit years 70..99 as 19xx and 00..69 as 20xx;
 * - ANSI C asctime (`Sun Nov  6 08:49:37 1994`), read as UTC;
 * - RFC 3339 / ISO 8601, extended (`1994-11-06T08:49:37.5+01:00`) or basic (`19941106T084937Z`),
 *   with or without a fraction (truncated to milliseconds) and with or without an offset (read as
 *   UTC when absent), or a date alone (midnight UTC).
 *
 * Out-of-range fields (`31 Feb`, hour 24, offset +25:00) are refused.
 *
 * @returns the instant, or `undefined` when the text is not a date in any of these formats.
 * @example
 * parseHttpDate('Sun, 6 Nov 1994 08:49:37 GMT-00:00') // 1994-11-06T08:49:37.000Z
 * parseHttpDate('20061101T200217Z') // 2006-11-01T20:02:17.000Z
 */
export function parseHttpDate(text: string): Date | undefined {
  const fixed = fromImfFixdate(text)
  if (fixed !== null) return fixed
  const trimmed = text.trim()
  let match = rfc1123.exec(trimmed)
  if (match !== null) return fromRfc1123(match)
  match = asctime.exec(trimmed)
  if (match !== null) return fromAsctime(match)
  match = isoExtended.exec(trimmed) ?? isoBasic.exec(trimmed)
  if (match !== null) return fromIso(match)
  return undefined
}
