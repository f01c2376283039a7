import type { HttpStatus, ParsedStatus, StatusClass } from '@davkit/types'

// `HTTP/1.1 200 OK`, `HTTP/2 200`, `HTTP/1.0 423 Resource Locked`, `200 OK`: an optional protocol,
// exactly three digits, then anything after whitespace as the reason phrase.
const STATUS_LINE = /^(?:HTTP\/\d+(?:\.\d+)?\s+)?(\d{3})(?:\s+([\s\S]*))?$/i
const WHITESPACE_RUN = /\s+/g

const CLASSES: Readonly<Record<string, StatusClass>> = {
  '2': 'success',
  '3': 'redirection',
  '4': 'client-error',
  '5': 'server-error',
}

// Status lines repeat thousands of times in a listing, and results are immutable: parse each once.
const cache = new Map<string, ParsedStatus>()
const CACHE_LIMIT = 256

/**
 * Parses the text of a `DAV:status` element, tolerantly: the reason phrase may be missing or
 * non-standard (`423 Resource Locked`, `424 (status)`), whitespace and newlines may surround or
 * split it, and the protocol may be `HTTP/1.0`, `HTTP/1.1`, `HTTP/2` or `HTTP/2.0` (or absent).
 *
 * Never throws: `undefined` (no element) is a `missing` problem, blank text is `empty`, text
 * that is not a status line or a code outside 100..599 is `garbled`, and 1xx is `informational`.
 * Codes the RFCs do not define are kept and classified by their first digit.
 *
 * @example
 * ```ts
 * parseStatusLine('HTTP/1.1 404 Not Found') // { kind: 'status', code: 404, class: 'client-error', reason: 'Not Found', ... }
 * parseStatusLine('HTTP/1.1 OK') // { kind: 'status-problem', problem: 'garbled', line: 'HTTP/1.1 OK' }
 * ```
 */
export function parseStatusLine(text: string | undefined): ParsedStatus {
  if (text === undefined) return { kind: 'status-problem', problem: 'missing', line: undefined }
  const cached = cache.get(text)
  if (cached !== undefined) return cached
  const parsed = parseUncached(text)
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(text, parsed)
  return parsed
}

function parseUncached(text: string): ParsedStatus {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'status-problem', problem: 'empty', line: text === '' ? undefined : text }
  const match = STATUS_LINE.exec(trimmed)
  const digits = match?.[1]
  if (match === null || digits === undefined) return { kind: 'status-problem', problem: 'garbled', line: text }
  const code = Number(digits)
  const statusClass = CLASSES[digits.charAt(0)]
  if (code >= 100 && code < 200) return { kind: 'status-problem', problem: 'informational', line: text }
  if (statusClass === undefined) return { kind: 'status-problem', problem: 'garbled', line: text }
  const reason = match[2]?.replace(WHITESPACE_RUN, ' ').trim()
  const status: HttpStatus = {
    kind: 'status',
    code,
    class: statusClass,
    reason: reason === undefined || reason === '' ? undefined : reason,
    line: text,
  }
  return status
}
