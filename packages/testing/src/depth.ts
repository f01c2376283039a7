/** A `Depth` header value (RFC 4918 section 10.2). */
export type Depth = '0' | '1' | 'infinity'

/** Parses a `Depth` header; undefined when absent, `'invalid'` when not one of 0, 1, infinity. */
export function parseDepth(header: string | null): Depth | 'invalid' | undefined {
  if (header === null) return undefined
  const value = header.trim().toLowerCase()
  if (value === '0' || value === '1' || value === 'infinity') return value
  return 'invalid'
}
