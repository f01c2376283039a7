import { davProps, decodeMultiStatus, propertiesDecoder } from '@davkit/client'
import { SaxesParser } from 'saxes'
import { LISTING_PATH } from './listing-body.ts'

/** Decodes a listing body the way one library does; resolves to the number of entries it produced. */
export type DecodeContender = (body: string) => number | Promise<number>

/** The codecs of a typical listing: what `dav.propfind(path, { depth: 1, props })` decodes each entry with. */
export const LISTING_CODECS = {
  type: davProps.resourcetype,
  size: davProps.getcontentlength,
  modified: davProps.getlastmodified,
  etag: davProps.getetag,
  contentType: davProps.getcontenttype,
  name: davProps.displayname,
}

const REQUEST_URL = `http://127.0.0.1${LISTING_PATH}`

/**
 * davkit's path: `decodeMultiStatus` (every propstat, namespaces resolved, hrefs resolved and
 * decoded) and then the codecs of each requested property, as `propfind` does.
 */
export function davkitDecode(body: string): number {
  const multistatus = decodeMultiStatus(body, { requestUrl: REQUEST_URL })
  const decode = propertiesDecoder(LISTING_CODECS)
  let entries = 0
  for (const response of multistatus.responses) {
    if (response.kind !== 'propstat') continue
    decode(response.properties)
    entries++
  }
  return entries
}

/** davkit's decoder alone, without the property codecs. */
export function davkitMultiStatus(body: string): number {
  return decodeMultiStatus(body, { requestUrl: REQUEST_URL }).responses.length
}

/**
 * The floor: saxes, the parser davkit reads with, over the same text with handlers that do
 * nothing but count the `response` start tags.
 */
export function bareParse(body: string): number {
  const parser = new SaxesParser({ xmlns: false, position: true })
  let entries = 0
  parser.on('opentagstart', (tag) => {
    if (tag.name === 'D:response') entries++
  })
  parser.on('text', () => undefined)
  parser.write(body).close()
  return entries
}

interface WebdavResult {
  readonly multistatus: {
    readonly response: readonly { readonly href: string; readonly propstat: { readonly prop: Record<string, unknown> } }[]
  }
}

/**
 * The `webdav` package's path for `getDirectoryContents` (5.11): its exported `parseXML`, then what
 * its internal `getDirectoryFiles` does to each response (normalise the href, decode it, build the
 * `FileStat` with the exported `prepareFileFromProps`), for a client whose base path is `/`, with
 * the listed collection itself kept (`includeSelf: true`) so that every contender counts the same.
 */
export async function webdavDecode(body: string): Promise<number> {
  // Imported here, so that a process measuring another contender does not hold this one.
  const [{ parseXML, prepareFileFromProps }, { normaliseHREF }, { normalisePath }] = await Promise.all([
    import('webdav'),
    import('webdav/dist/node/tools/url.js'),
    import('webdav/dist/node/tools/path.js'),
  ])
  const result = (await parseXML(body)) as unknown as WebdavResult
  const files = result.multistatus.response.map((item) => {
    const href = normaliseHREF(item.href)
    const filename = decodeURIComponent(normalisePath(href))
    return prepareFileFromProps(item.propstat.prop as never, filename, false)
  })
  return files.length
}

/** The decode-only contenders of issue #2, by name. */
export const decodeContenders = {
  davkit: davkitDecode,
  'davkit-multistatus': davkitMultiStatus,
  'saxes-bare': bareParse,
  webdav: webdavDecode,
} as const satisfies Record<string, DecodeContender>

/** A decode-only contender's name. */
export type DecodeContenderName = keyof typeof decodeContenders
