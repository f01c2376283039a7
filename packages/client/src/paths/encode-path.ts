import { InvalidRequestError } from '../errors/invalid-request-error.ts'

/**
 * Percent-encodes a path of decoded segments, each segment exactly once: `My file #1.txt`
 * becomes `My%20file%20%231.txt`, `100%` becomes `100%25`, `é` becomes `%C3%A9`. Slashes separate
 * segments and are kept; a leading slash is dropped (paths are relative to the base URL); a
 * trailing slash (a collection) is kept. `.` and `..` segments are refused: URL resolution would
 * remove them, so the request would address another resource than the one named.
 */
export function encodePath(path: string): string {
  const trimmed = path.replace(/^\/+/, '')
  const segments = trimmed.split('/')
  return segments
    .map((segment, index) => {
      if (segment === '.' || segment === '..') {
        throw new InvalidRequestError(`path ${JSON.stringify(path)} has a "${segment}" segment`)
      }
      if (segment === '' && index !== segments.length - 1 && index !== 0) {
        throw new InvalidRequestError(`path ${JSON.stringify(path)} has an empty segment`)
      }
      try {
        return encodeURIComponent(segment)
      } catch (cause) {
        throw new InvalidRequestError(`path ${JSON.stringify(path)} is not valid Unicode`, { cause })
      }
    })
    .join('/')
}
