/**
 * Paths inside the store are arrays of decoded segments; `[]` is the root collection.
 * Nothing can address outside the store: `.` and `..` segments are refused, not resolved.
 */
export type StorePath = readonly string[]

/** Why a request path cannot name a resource in the store. */
export type PathError = 'outside-base' | 'invalid-encoding' | 'dot-segment' | 'invalid-segment'

/** Result of mapping a URL path to a store path. */
export type PathResult =
  | { readonly ok: true; readonly path: StorePath; readonly trailingSlash: boolean }
  | { readonly ok: false; readonly error: PathError }

/** Normalises a base path to start and end with `/`. */
export function normaliseBasePath(basePath: string): string {
  let base = basePath.startsWith('/') ? basePath : `/${basePath}`
  if (!base.endsWith('/')) base += '/'
  return base
}

/** Maps an encoded URL pathname (as sent) to a store path relative to `basePath`. */
export function toStorePath(pathname: string, basePath: string): PathResult {
  const base = normaliseBasePath(basePath)
  const baseNoSlash = base.slice(0, -1)
  let rest: string
  if (pathname === baseNoSlash || pathname === base) rest = ''
  else if (pathname.startsWith(base)) rest = pathname.slice(base.length)
  else return { ok: false, error: 'outside-base' }
  const trailingSlash = rest.endsWith('/') || rest === ''
  const raw = rest.split('/').filter((segment) => segment !== '')
  const path: string[] = []
  for (const segment of raw) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return { ok: false, error: 'invalid-encoding' }
    }
    if (decoded === '.' || decoded === '..') return { ok: false, error: 'dot-segment' }
    if (decoded.includes('/') || decoded.includes('\0')) return { ok: false, error: 'invalid-segment' }
    path.push(decoded)
  }
  return { ok: true, path, trailingSlash }
}

/** Percent-encodes one segment for an href (RFC 3986 pchar, everything else escaped). */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The encoded URL path of a store path under `basePath`, with a trailing slash for collections. */
export function toUrlPath(path: StorePath, basePath: string, isCollection: boolean): string {
  const base = normaliseBasePath(basePath)
  if (path.length === 0) return base
  return base + path.map(encodeSegment).join('/') + (isCollection ? '/' : '')
}

/** The parent path (the root is its own parent). */
export function parentOf(path: StorePath): StorePath {
  return path.slice(0, -1)
}

/** Whether `inner` equals `outer` or lies below it. */
export function isWithin(inner: StorePath, outer: StorePath): boolean {
  return outer.length <= inner.length && outer.every((segment, index) => inner[index] === segment)
}

/** A readable key for a path: `/a/b` (the root is `/`). */
export function pathKey(path: StorePath): string {
  return `/${path.join('/')}`
}

/** Splits a readable path (`/a/b/`, `a/b`) into segments, refusing dot segments. */
export function parsePlainPath(value: string): StorePath {
  const segments = value.split('/').filter((segment) => segment !== '')
  for (const segment of segments)
    if (segment === '.' || segment === '..') throw new RangeError(`dot segments are not allowed in store paths: '${value}'`)
  return segments
}
