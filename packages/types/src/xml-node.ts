import type { QName } from './qname.ts'

/** An attribute with its resolved name (namespace declarations are not attributes). */
export interface XmlAttribute {
  readonly name: QName
  readonly value: string
}

/** An element with every name resolved to its namespace, in document order. */
export interface XmlElement {
  readonly kind: 'element'
  readonly name: QName
  readonly attributes: readonly XmlAttribute[]
  readonly children: readonly XmlNode[]
  /** `xml:lang` in scope for this element, if any. */
  readonly lang?: string
}

/** Character data, with entities and character references decoded. */
export interface XmlText {
  readonly kind: 'text'
  readonly text: string
}

/** A child of an element: another element or a run of text. */
export type XmlNode = XmlElement | XmlText
