import type { ContentRange } from '@davkit/types'

/** Reads `Content-Range: bytes a-b/n` (or `bytes * /n` for 416); a number beyond `Number.MAX_SAFE_INTEGER` makes it unreadable. */
export function parseContentRange(value: string | null): ContentRange | { readonly unsatisfied: number | undefined } | undefined {
  if (value === null) return undefined
  const match = /^\s*bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/i.exec(value)
  if (match === null) return undefined
  const total = match[3] === '*' || match[3] === undefined ? undefined : Number(match[3])
  if (total !== undefined && !Number.isSafeInteger(total)) return undefined
  if (match[1] === undefined || match[2] === undefined) return { unsatisfied: total }
  const start = Number(match[1])
  const end = Number(match[2])
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return undefined
  return { start, end, total }
}
