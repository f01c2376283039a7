import { createDavClient } from '@davkit/client'
import ky from 'ky'
import { LISTING_CODECS } from './decode-contenders.ts'
import { LISTING_PATH } from './listing-body.ts'

/** One PROPFIND of the listed collection at a Depth; resolves to the number of entries returned. */
export type ServedRequest = (depth: 0 | 1) => Promise<number>

/**
 * Builds a contender's request function for a server's base URL (clients are created once). A
 * peer's library is imported only then, so that a process measuring one contender holds no other.
 */
export type ServedContender = (baseUrl: string) => ServedRequest | Promise<ServedRequest>

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/>' +
  '<D:getlastmodified/><D:getetag/><D:getcontenttype/><D:displayname/></D:prop></D:propfind>'

/**
 * davkit: `dav.propfind` with typed codecs, as a user gets it: default retry policy and per-attempt
 * timeout; only the body size limit is raised, so that the largest listings fit whatever their size.
 */
const davkit: ServedContender = (baseUrl) => {
  const dav = createDavClient({ baseUrl, maxResponseBytes: 1024 * 1024 * 1024 })
  return async (depth) => (await dav.propfind(LISTING_PATH.slice(1), { depth, props: LISTING_CODECS })).responses.length
}

/**
 * davkit streaming: `dav.propfindEach` with the same codecs, each entry counted and let go, as a
 * program that processes a listing without keeping it would.
 */
const davkitEach: ServedContender = (baseUrl) => {
  const dav = createDavClient({ baseUrl })
  return async (depth) => {
    let entries = 0
    for await (const entry of dav.propfindEach(LISTING_PATH.slice(1), { depth, props: LISTING_CODECS })) {
      if (entry.kind === 'resource') entries++
    }
    return entries
  }
}

/** `webdav` 5.11: `getDirectoryContents` (Depth 1, collection itself kept) or `stat` (Depth 0). */
const webdav: ServedContender = async (baseUrl) => {
  const { createClient } = await import('webdav')
  const client = createClient(baseUrl)
  return async (depth) => {
    if (depth === 0) {
      await client.stat(LISTING_PATH)
      return 1
    }
    const files = await client.getDirectoryContents(LISTING_PATH, { includeSelf: true })
    return files.length
  }
}

/** tsdav: its `propfind` with the same property names. */
const tsdav: ServedContender = async (baseUrl) => {
  const { propfind: tsdavPropfind } = await import('tsdav')
  const url = new URL(LISTING_PATH, baseUrl).href
  const props = {
    'd:resourcetype': {},
    'd:getcontentlength': {},
    'd:getlastmodified': {},
    'd:getetag': {},
    'd:getcontenttype': {},
    'd:displayname': {},
  }
  return async (depth) => (await tsdavPropfind({ url, props, depth: depth === 0 ? '0' : '1' })).length
}

/** The floor: a bare `fetch` of the same PROPFIND whose body is read as text and not decoded. */
const bareFetch: ServedContender = (baseUrl) => {
  const url = new URL(LISTING_PATH, baseUrl).href
  return async (depth) => {
    const response = await fetch(url, {
      method: 'PROPFIND',
      headers: { depth: String(depth), 'content-type': 'application/xml; charset=utf-8' },
      body: PROPFIND_BODY,
    })
    await response.text()
    return response.status === 207 ? 1 : 0
  }
}

/** ky alone, as davkit configures it (no retry, timeout or HTTP errors), the body read as text: what davkit adds above ky. */
const bareKy: ServedContender = (baseUrl) => {
  const url = new URL(LISTING_PATH, baseUrl).href
  const client = ky.create({ retry: 0, timeout: false, throwHttpErrors: false })
  return async (depth) => {
    const response = await client(url, {
      method: 'PROPFIND',
      headers: { depth: String(depth), 'content-type': 'application/xml; charset=utf-8' },
      body: PROPFIND_BODY,
    })
    await response.text()
    return response.status === 207 ? 1 : 0
  }
}

/** The contenders over HTTP, by name. */
export const servedContenders = {
  davkit,
  'davkit-each': davkitEach,
  webdav,
  tsdav,
  'bare-fetch': bareFetch,
  ky: bareKy,
} as const satisfies Record<string, ServedContender>

/** A served contender's name. */
export type ServedContenderName = keyof typeof servedContenders
