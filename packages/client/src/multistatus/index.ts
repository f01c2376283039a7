export { decodeMultiStatus, type DecodeMultiStatusOptions } from './decode-multistatus.ts'
export { decodeDavError } from './decode-dav-error.ts'
export { parseStatusLine } from './status-line.ts'
export { resolveHref, createHrefResolver, decodePath, type HrefResolver } from './resolve-href.ts'
export { MultiStatusReader, type MultiStatusReaderOptions, type MultiStatusTail } from './multistatus-reader.ts'
export { parseXmlDocument, type ParseXmlOptions } from '../xml/parse-xml-document.ts'
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_ATTRIBUTES,
  DEFAULT_MAX_NAMESPACE_DECLARATIONS,
  DEFAULT_MAX_NAME_LENGTH,
  type XmlLimits,
} from '../xml/xml-limits.ts'
export type { XmlBody } from '../xml/text-from-bytes.ts'
export { textOf } from '../xml/element-text.ts'
export { DAV_NAMESPACE, XML_NAMESPACE } from '../xml/xml-namespaces.ts'
