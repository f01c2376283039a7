import type {
  ActiveLock,
  CurrentUserPrincipal,
  DavQName,
  EntityTag,
  LockEntry,
  PropertyCodec,
  QuotaBytes,
  ResourceType,
  WritablePropertyCodec,
} from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { decoded, undecodable } from './codec-result.ts'
import { parseCurrentUserPrincipal } from './current-user-principal.ts'
import { decodeDate } from './date-property.ts'
import { parseEntityTag } from './entity-tag.ts'
import { parseInteger } from './integer-text.ts'
import { parseLockDiscovery, parseSupportedLock } from './lock-lists.ts'
import { parseQuotaBytes } from './quota.ts'
import { parseResourceType } from './resource-type.ts'
import { textNodes } from './text-property.ts'

// Each codec is a plain object literal (no call at import) so that a bundler can drop the ones
// an application does not use.

/** `DAV:resourcetype` (RFC 4918 section 15.9), protected. */
export const davResourceType: PropertyCodec<ResourceType, DavQName<'resourcetype'>> = {
  name: { namespace: 'DAV:', local: 'resourcetype' },
  decode: parseResourceType,
}

/** `DAV:displayname` (RFC 4918 section 15.2): text, verbatim. Writable on most servers. */
export const davDisplayName: WritablePropertyCodec<string, DavQName<'displayname'>> = {
  name: { namespace: 'DAV:', local: 'displayname' },
  decode: (element) => decoded(textOf(element)),
  encode: textNodes,
}

/** `DAV:getcontentlength` (RFC 4918 section 15.4): a non-negative safe integer, protected. */
export const davGetContentLength: PropertyCodec<number, DavQName<'getcontentlength'>> = {
  name: { namespace: 'DAV:', local: 'getcontentlength' },
  decode: (element) => parseInteger(textOf(element), false),
}

/** `DAV:getcontenttype` (RFC 4918 section 15.5): the media type as sent, verbatim. Writable on many servers. */
export const davGetContentType: WritablePropertyCodec<string, DavQName<'getcontenttype'>> = {
  name: { namespace: 'DAV:', local: 'getcontenttype' },
  decode: (element) => decoded(textOf(element)),
  encode: textNodes,
}

/** `DAV:getcontentlanguage` (RFC 4918 section 15.3): the language tag as sent, verbatim. Writable on many servers. */
export const davGetContentLanguage: WritablePropertyCodec<string, DavQName<'getcontentlanguage'>> = {
  name: { namespace: 'DAV:', local: 'getcontentlanguage' },
  decode: (element) => decoded(textOf(element)),
  encode: textNodes,
}

/** `DAV:getetag` (RFC 4918 section 15.6): strong, weak or unquoted; protected. */
export const davGetEtag: PropertyCodec<EntityTag, DavQName<'getetag'>> = {
  name: { namespace: 'DAV:', local: 'getetag' },
  decode: (element) => parseEntityTag(textOf(element)),
}

/** `DAV:getlastmodified` (RFC 4918 section 15.7): a date, read leniently; protected. */
export const davGetLastModified: PropertyCodec<Date, DavQName<'getlastmodified'>> = {
  name: { namespace: 'DAV:', local: 'getlastmodified' },
  decode: decodeDate,
}

/** `DAV:creationdate` (RFC 4918 section 15.1): a date, read leniently; protected. */
export const davCreationDate: PropertyCodec<Date, DavQName<'creationdate'>> = {
  name: { namespace: 'DAV:', local: 'creationdate' },
  decode: decodeDate,
}

/** `DAV:lockdiscovery` (RFC 4918 section 15.8): the active locks, empty when unlocked; protected. */
export const davLockDiscovery: PropertyCodec<readonly ActiveLock[], DavQName<'lockdiscovery'>> = {
  name: { namespace: 'DAV:', local: 'lockdiscovery' },
  decode: parseLockDiscovery,
}

/** `DAV:supportedlock` (RFC 4918 section 15.10): the lock kinds supported; protected. */
export const davSupportedLock: PropertyCodec<readonly LockEntry[], DavQName<'supportedlock'>> = {
  name: { namespace: 'DAV:', local: 'supportedlock' },
  decode: parseSupportedLock,
}

/** `DAV:quota-available-bytes` (RFC 4331 section 3), protected. */
export const davQuotaAvailableBytes: PropertyCodec<QuotaBytes, DavQName<'quota-available-bytes'>> = {
  name: { namespace: 'DAV:', local: 'quota-available-bytes' },
  decode: (element) => parseQuotaBytes(textOf(element)),
}

/** `DAV:quota-used-bytes` (RFC 4331 section 4), protected. */
export const davQuotaUsedBytes: PropertyCodec<QuotaBytes, DavQName<'quota-used-bytes'>> = {
  name: { namespace: 'DAV:', local: 'quota-used-bytes' },
  decode: (element) => parseQuotaBytes(textOf(element)),
}

/** `DAV:current-user-principal` (RFC 5397 section 3), protected. */
export const davCurrentUserPrincipal: PropertyCodec<CurrentUserPrincipal, DavQName<'current-user-principal'>> = {
  name: { namespace: 'DAV:', local: 'current-user-principal' },
  decode: parseCurrentUserPrincipal,
}

/** The `DAV:sync-token` property of a collection (RFC 6578 section 4): a URI, trimmed; protected. */
export const davSyncToken: PropertyCodec<string, DavQName<'sync-token'>> = {
  name: { namespace: 'DAV:', local: 'sync-token' },
  decode: (element) => {
    const token = textOf(element).trim()
    return token === '' ? undecodable('empty sync-token') : decoded(token)
  },
}

/**
 * `DAV:iscollection`, which IIS and Exchange send beside (or instead of) `resourcetype`: `1`/`0`
 * or `true`/`false`. Not part of RFC 4918, so not in `davProps`; `resourcetype` is the standard
 * way to tell a collection.
 */
export const iisIsCollection: PropertyCodec<boolean, DavQName<'iscollection'>> = {
  name: { namespace: 'DAV:', local: 'iscollection' },
  decode: (element) => {
    const text = textOf(element).trim().toLowerCase()
    if (text === '1' || text === 'true') return decoded(true)
    if (text === '0' || text === 'false') return decoded(false)
    return undecodable(`iscollection ${JSON.stringify(text)}, expected 0, 1, true or false`)
  },
}
