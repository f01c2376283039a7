/**
 * Generated Apache-shaped PROPFIND listings: the body mod_dav sends for a Depth 1 PROPFIND of
 * `resourcetype`, `getcontentlength`, `getlastmodified`, `getetag`, `getcontenttype` and
 * `displayname` (which Apache does not store, so it comes back in a second, 404 propstat).
 * Prefixes and layout follow what Apache 2.4 writes: `D:` on the structure, `lp1:` for its live
 * properties and `g0:` for the missing ones, declared on each `response`.
 */

/** The URL path of the listed collection. Hrefs of the members are below it. */
export const LISTING_PATH = '/bench/'

/** Every tenth member is a collection; the others are files. */
const COLLECTION_EVERY = 10

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

function two(value: number): string {
  return String(value).padStart(2, '0')
}

function httpDate(date: Date): string {
  return `${DAY_NAMES[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT`
}

/** The name of member `index` (1-based): some with a space or a non-ASCII letter, as real trees have. */
export function memberName(index: number): string {
  const number = String(index).padStart(6, '0')
  if (index % COLLECTION_EVERY === 0) return `folder ${number}`
  if (index % 7 === 0) return `r\u00e9sum\u00e9-${number}.pdf`
  return `file-${number}.txt`
}

/** Whether member `index` is a collection. */
export function isCollectionMember(index: number): boolean {
  return index % COLLECTION_EVERY === 0
}

function hrefOf(name: string, collection: boolean): string {
  return `${LISTING_PATH}${encodeURIComponent(name)}${collection ? '/' : ''}`
}

function response(href: string, collection: boolean, size: number, modified: Date, contentType: string): string {
  const etag = `W/"${size.toString(16)}-${(modified.getTime() * 1000).toString(16)}"`
  const live = collection
    ? `<lp1:resourcetype><D:collection/></lp1:resourcetype>\n<lp1:getlastmodified>${httpDate(modified)}</lp1:getlastmodified>\n<lp1:getetag>${etag}</lp1:getetag>\n<D:getcontenttype>httpd/unix-directory</D:getcontenttype>\n`
    : `<lp1:resourcetype/>\n<lp1:getcontentlength>${size}</lp1:getcontentlength>\n<lp1:getlastmodified>${httpDate(modified)}</lp1:getlastmodified>\n<lp1:getetag>${etag}</lp1:getetag>\n<D:getcontenttype>${contentType}</D:getcontenttype>\n`
  const missing = collection ? '<g0:getcontentlength/>\n<g0:displayname/>\n' : '<g0:displayname/>\n'
  return (
    '<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/" xmlns:g0="DAV:">\n' +
    `<D:href>${href}</D:href>\n` +
    `<D:propstat>\n<D:prop>\n${live}</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n` +
    `<D:propstat>\n<D:prop>\n${missing}</D:prop>\n<D:status>HTTP/1.1 404 Not Found</D:status>\n</D:propstat>\n` +
    '</D:response>\n'
  )
}

/**
 * A 207 body listing `LISTING_PATH` itself and `entries - 1` members, piece by piece: the head,
 * one `DAV:response` at a time, the tail. Deterministic: the same `entries` always gives the same text.
 */
export function* listingPieces(entries: number): Generator<string, void, undefined> {
  if (!Number.isSafeInteger(entries) || entries < 1) throw new RangeError(`entries must be a positive integer, got ${entries}`)
  const start = Date.UTC(2026, 0, 1)
  yield '<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">\n'
  yield response(LISTING_PATH, true, 4096, new Date(start), '')
  for (let index = 1; index < entries; index++) {
    const collection = isCollectionMember(index)
    const size = (index * 7919) % 1_000_000
    const modified = new Date(start + index * 61_000)
    const contentType = index % 7 === 0 ? 'application/pdf' : 'text/plain'
    yield response(hrefOf(memberName(index), collection), collection, size, modified, contentType)
  }
  yield '</D:multistatus>\n'
}

/**
 * A 207 body listing `LISTING_PATH` itself and `entries - 1` members: `entries` `DAV:response`
 * elements in all. Deterministic: the same `entries` always gives the same bytes.
 */
export function generateListing(entries: number): string {
  if (!Number.isSafeInteger(entries) || entries < 1) throw new RangeError(`entries must be a positive integer, got ${entries}`)
  return [...listingPieces(entries)].join('')
}
