import type { ResourceHref } from '@davkit/types'

// A scheme (RFC 3986 section 3.1) followed by ':' makes an href absolute.
const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/
// `scheme://authority`: the rest is the path, which is encoded like a relative href.
const AUTHORITY = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\\]*/
// Anything a URL parser would not keep as path data: spaces, `?`, `#`, `\`, controls, non-ASCII,
// and a `%` that does not start a percent-escape.
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]|%(?![0-9A-Fa-f]{2})/
const ENCODE_UNIT = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]|%(?![0-9A-Fa-f]{2})/g
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g
const LONE_SURROGATE = /[\uD800-\uDFFF]/

/**
 * Resolves `DAV:href` texts against one request URL. Build it once per response body;
 * {@link resolveHref} is the one-off form.
 */
export type HrefResolver = (raw: string) => ResourceHref

/**
 * Makes an {@link HrefResolver} for hrefs found in the answer to a request sent to `requestUrl`.
 * Credentials in `requestUrl` never reach the resolved URLs.
 */
export function createHrefResolver(requestUrl?: string | URL): HrefResolver {
  const base = new HrefBase(requestUrl)
  return (raw) => base.resolve(raw)
}

/**
 * What hrefs of one answer are resolved against, as an object rather than a closure: the decoder
 * calls one method whatever the answer, so V8's optimised code does not depend on a function made
 * for one document.
 */
export class HrefBase {
  readonly #base: URL | undefined
  readonly #origin: string | undefined

  constructor(requestUrl?: string | URL) {
    this.#base = parseBase(requestUrl)
    this.#origin = originOf(this.#base)
  }

  resolve(raw: string): ResourceHref {
    return resolveAgainst(raw, this.#base, this.#origin)
  }
}

/**
 * Turns the text of a `DAV:href` into a {@link ResourceHref}. Never throws, whatever the text.
 *
 * - `raw` is the text exactly as decoded by XML (so `&amp;` has become `&` once, and only once).
 * - `url` is the href resolved against `requestUrl`; absolute hrefs (IIS, SharePoint, iCloud) stay
 *   absolute. Characters a URL parser would treat specially are taken as path data: a `#` or `?`
 *   in an href is part of the name, not a fragment or query, and spaces or a lone `%` are kept.
 *   `undefined` when no URL can be made (a relative href without `requestUrl`, an unparsable host).
 * - `path` is the resolved path with valid UTF-8 percent-escapes decoded and invalid ones
 *   (`%`, `%zz`, `%C3` alone) left as they were.
 *
 * @example
 * ```ts
 * resolveHref('/dav/a%20b/c#1.txt', 'https://example.com/dav/')
 * // { raw: '/dav/a%20b/c#1.txt', url: 'https://example.com/dav/a%20b/c%231.txt', path: '/dav/a b/c#1.txt' }
 * ```
 */
export function resolveHref(raw: string, requestUrl?: string | URL): ResourceHref {
  const base = parseBase(requestUrl)
  return resolveAgainst(raw, base, originOf(base))
}

// The origin plain absolute paths are appended to, or `undefined` when the base has none.
function originOf(base: URL | undefined): string | undefined {
  return base === undefined || base.origin === 'null' ? undefined : base.origin
}

function parseBase(requestUrl: string | URL | undefined): URL | undefined {
  if (requestUrl === undefined) return undefined
  try {
    const base = new URL(requestUrl)
    base.username = ''
    base.password = ''
    base.hash = ''
    return base
  } catch {
    return undefined
  }
}

// A dot segment, also percent-encoded (`/./`, `/..`, `/%2e%2E/`): the URL parser would remove it.
const DOT_SEGMENT = /\/(?:\.|%2e)/i

function resolveAgainst(raw: string, base: URL | undefined, origin: string | undefined): ResourceHref {
  const text = raw.trim()
  // The common case, a plain absolute path: what the URL parser would produce is known.
  if (
    origin !== undefined &&
    text.charCodeAt(0) === 47 /* / */ &&
    text.charCodeAt(1) !== 47 &&
    !NEEDS_ENCODING.test(text) &&
    !DOT_SEGMENT.test(text)
  ) {
    return { raw, url: origin + text, path: decodePath(text) }
  }
  const authority = AUTHORITY.exec(text)
  let candidate: string
  if (authority !== null) {
    candidate = authority[0] + encodePathData(text.slice(authority[0].length))
  } else if (ABSOLUTE.test(text)) {
    // An opaque absolute URI such as `mailto:` keeps its own syntax.
    candidate = text
  } else {
    candidate = encodePathData(text)
  }
  let url: URL | undefined
  try {
    url = base === undefined && authority === null && !ABSOLUTE.test(text) ? undefined : new URL(candidate, base)
  } catch {
    url = undefined
  }
  if (url === undefined) {
    return { raw, url: undefined, path: decodePath(authority === null ? candidate : candidate.slice(authority[0].length)) }
  }
  return { raw, url: url.href, path: decodePath(url.pathname) }
}

function encodePathData(path: string): string {
  if (!NEEDS_ENCODING.test(path)) return path
  return path.replace(ENCODE_UNIT, encodeUnit)
}

function encodeUnit(unit: string): string {
  if (unit === '%') return '%25'
  // A lone surrogate cannot be encoded as UTF-8: it stands for U+FFFD.
  if (unit.length === 1 && LONE_SURROGATE.test(unit)) return '%EF%BF%BD'
  return encodeURIComponent(unit)
}

/**
 * Decodes the percent-escapes of a path that form valid UTF-8, leaving every other escape (and
 * every other character) exactly as it was. Never throws.
 */
export function decodePath(path: string): string {
  if (path.indexOf('%') === -1) return path
  try {
    return decodeURIComponent(path)
  } catch {
    return path.replace(ESCAPE_RUN, decodeEscapeRun)
  }
}

function decodeEscapeRun(run: string): string {
  try {
    return decodeURIComponent(run)
  } catch {
    // Decode byte by byte: each valid UTF-8 sequence is decoded, each invalid byte kept as `%XX`.
    const bytes: number[] = []
    for (let index = 0; index < run.length; index += 3) bytes.push(Number.parseInt(run.slice(index + 1, index + 3), 16))
    let out = ''
    let index = 0
    while (index < bytes.length) {
      const length = sequenceLength(bytes, index)
      const escapes = run.slice(index * 3, (index + Math.max(length, 1)) * 3)
      if (length === 0) {
        out += escapes
        index += 1
      } else {
        out += decodeURIComponent(escapes)
        index += length
      }
    }
    return out
  }
}

// The length of the valid UTF-8 sequence starting at `index`, or 0 when there is none.
function sequenceLength(bytes: readonly number[], index: number): number {
  const lead = bytes[index] ?? 0
  let length: number
  let min: number
  if (lead < 0x80) return 1
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2
    min = 0x80
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    min = 0x800
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    min = 0x10000
  } else {
    return 0
  }
  let codePoint = lead & (0xff >> (length + 1))
  for (let offset = 1; offset < length; offset++) {
    const byte = bytes[index + offset]
    if (byte === undefined || (byte & 0xc0) !== 0x80) return 0
    codePoint = (codePoint << 6) | (byte & 0x3f)
  }
  if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return 0
  return length
}
