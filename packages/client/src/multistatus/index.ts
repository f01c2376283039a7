export { decodeMultiStatus, type DecodeMultiStatusOptions } from './decode-multistatus.ts'
export { decodeDavError } from './decode-dav-error.ts'
export { parseStatusLine } from './status-line.ts'
export { resolveHref, createHrefResolver, decodePath, type HrefResolver } from './resolve-href.ts'
export {
  parseXmlDocument,
  parseXmlText,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  type ParseXmlOptions,
  type ParsedXml,
} from '../xml/parse-xml-document.ts'
export type { XmlBody } from '../xml/body-text.ts'
export { textOf } from '../xml/element-text.ts'
export { DAV_NAMESPACE, XML_NAMESPACE } from '../xml/xml-namespaces.ts'
