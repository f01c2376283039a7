import { plain } from '../responses.ts'
import { writeAt } from './write-at.ts'

/** A parsed `Content-Range: bytes first-last/total` (`total` `*` when unknown). */
export interface ContentRange {
  readonly first: number
  readonly last: number
  readonly total: number | undefined
}

/** Parses a `Content-Range` of a request; `undefined` when malformed, or when the last byte is before the first. */
export function parseContentRange(value: string): ContentRange | undefined {
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value)
  if (match === null) return undefined
  const first = Number(match[1])
  const last = Number(match[2])
  const total = match[3] === '*' ? undefined : Number(match[3])
  if (last < first || (total !== undefined && last >= total)) return undefined
  return { first, last, total }
}

/**
 * The content a ranged `PUT` leaves, as Apache mod_dav_fs makes it: the whole body is written at
 * the range's first byte (Apache checks neither the body's length against the range nor the
 * total), a gap after the end becomes zero bytes, and the file is never truncated. A malformed
 * range is a 400, as on Apache.
 */
export function rangedPutContent(header: string, existing: Uint8Array, body: Uint8Array): Uint8Array | Response {
  const range = parseContentRange(header)
  if (range === undefined) return plain(400, 'The Content-Range header is malformed.\n')
  return writeAt(existing, range.first, body)
}
