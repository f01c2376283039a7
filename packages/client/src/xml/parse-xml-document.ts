import type { QName, XmlAttribute, XmlElement } from '@davkit/types'
import { bodyText, type XmlBody } from './text-from-bytes.ts'
import { ElementBuilder } from './element-builder.ts'
import { resolveXmlLimits, type XmlLimits } from './xml-limits.ts'
import { XmlReader, type XmlContentHandler } from './xml-reader.ts'

/** Limits and context for {@link parseXmlDocument}. */
export interface ParseXmlOptions extends XmlLimits {
  /** The `Content-Type` of the response: its `charset` decodes bytes, and `not-xml` failures report it. */
  readonly contentType?: string | undefined
}

/**
 * Parses an XML document into an {@link XmlElement} tree with every element and attribute name
 * resolved to its namespace, and returns the root element.
 *
 * - Names are (namespace URI, local name): prefixes are scoped per element, the default namespace
 *   and `xmlns=""` are honoured, `xml:` is predefined. An undeclared prefix is a `malformed-xml`
 *   failure (the document is not namespace-well-formed).
 * - Text is kept verbatim, whitespace included; adjacent text and CDATA sections are joined.
 *   Only the five predefined entities and numeric character references are decoded, once.
 * - Comments and processing instructions are dropped; `xml:lang` is inherited as `lang`.
 * - Bytes are decoded by their byte order mark, else the `charset` of `contentType`, else the
 *   declared encoding, else as UTF-8; CRLF line ends become LF.
 *
 * @throws {DecodeError} with `empty-body`, `not-xml`, `doctype-forbidden`, `too-large`,
 *   `too-deep`, `too-many-attributes`, `too-many-namespaces`, `name-too-long` or `malformed-xml`
 *   (with line and column) as its failure.
 *
 * @example
 * ```ts
 * const root = parseXmlDocument('<d:prop xmlns:d="DAV:"><d:getetag>"1"</d:getetag></d:prop>')
 * root.name // { namespace: 'DAV:', local: 'prop' }
 * ```
 */
export function parseXmlDocument(body: XmlBody, options: ParseXmlOptions = {}): XmlElement {
  const limits = resolveXmlLimits(options)
  const tree = new TreeHandler()
  const reader = new XmlReader(tree, limits, options.contentType)
  reader.write(bodyText(body, limits.maxBytes, options.contentType))
  reader.end()
  return tree.root as XmlElement
}

// Builds the whole document.
class TreeHandler implements XmlContentHandler {
  readonly #builder = new ElementBuilder()
  root: XmlElement | undefined

  open(name: QName, attributes: readonly XmlAttribute[], lang: string | undefined): void {
    this.#builder.open(name, attributes, lang)
  }

  text(text: string): void {
    this.#builder.text(text)
  }

  close(depth: number): void {
    const element = this.#builder.close()
    if (depth === 1) this.root = element
  }
}
