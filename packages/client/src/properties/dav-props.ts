import {
  davCreationDate,
  davCurrentUserPrincipal,
  davDisplayName,
  davGetContentLanguage,
  davGetContentLength,
  davGetContentType,
  davGetEtag,
  davGetLastModified,
  davLockDiscovery,
  davQuotaAvailableBytes,
  davQuotaUsedBytes,
  davResourceType,
  davSupportedLock,
  davSyncToken,
} from './dav-codecs.ts'

/**
 * The type of {@link davProps}: one codec per built-in `DAV:` property. Every codec keeps its
 * literal name and value type; the writable ones (`displayname`, `getcontenttype`,
 * `getcontentlanguage`) have `encode`. A type alias rather than an interface, so that it is a
 * `Record<string, PropertyCodec<any>>` (interfaces get no implicit index signature).
 */
export type DavProps = {
  readonly resourcetype: typeof davResourceType
  readonly displayname: typeof davDisplayName
  readonly getcontentlength: typeof davGetContentLength
  readonly getcontenttype: typeof davGetContentType
  readonly getcontentlanguage: typeof davGetContentLanguage
  readonly getetag: typeof davGetEtag
  readonly getlastmodified: typeof davGetLastModified
  readonly creationdate: typeof davCreationDate
  readonly lockdiscovery: typeof davLockDiscovery
  readonly supportedlock: typeof davSupportedLock
  readonly quotaAvailableBytes: typeof davQuotaAvailableBytes
  readonly quotaUsedBytes: typeof davQuotaUsedBytes
  readonly currentUserPrincipal: typeof davCurrentUserPrincipal
  readonly syncToken: typeof davSyncToken
}

/**
 * The built-in codecs of the `DAV:` properties of RFC 4918 section 15, RFC 4331 quota,
 * RFC 5397 `current-user-principal` and the RFC 6578 `sync-token` property. The explicit
 * {@link DavProps} annotation checks the object is exhaustive (a missing or extra key does not
 * compile). Each codec is also its own export (`davGetEtag`, ...).
 *
 * @example
 * const result = decodeProperty(davProps.getcontentlength, findProperty(response.properties, davProps.getcontentlength.name))
 * if (result.kind === 'value') result.value // number
 */
export const davProps: DavProps = {
  resourcetype: davResourceType,
  displayname: davDisplayName,
  getcontentlength: davGetContentLength,
  getcontenttype: davGetContentType,
  getcontentlanguage: davGetContentLanguage,
  getetag: davGetEtag,
  getlastmodified: davGetLastModified,
  creationdate: davCreationDate,
  lockdiscovery: davLockDiscovery,
  supportedlock: davSupportedLock,
  quotaAvailableBytes: davQuotaAvailableBytes,
  quotaUsedBytes: davQuotaUsedBytes,
  currentUserPrincipal: davCurrentUserPrincipal,
  syncToken: davSyncToken,
}
