export { davProps } from './dav-props.ts'
export type { DavProps } from './dav-props.ts'
export {
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
  iisIsCollection,
} from './dav-codecs.ts'
export { defineProperty } from './define-property.ts'
export type { PropertyDefinition } from './define-property.ts'
export { decoded, undecodable } from './codec-result.ts'
export { textProperty } from './text-property.ts'
export { integerProperty } from './integer-property.ts'
export { dateProperty } from './date-property.ts'
export { xmlProperty, rawProperty } from './xml-property.ts'
export { hrefProperty, hrefsProperty } from './href-property.ts'
export { decodeProperty, decodeProperties, findProperty, propertiesDecoder } from './decode-property.ts'
export { davName, sameName } from './dav-name.ts'
export { parseHttpDate } from './http-date.ts'
export { parseEntityTag, formatEntityTag } from './entity-tag.ts'
export { isCollection } from './resource-type.ts'
export { InvalidPropertyNameError } from './invalid-property-name-error.ts'
export { PropertyNameMismatchError } from './property-name-mismatch-error.ts'
