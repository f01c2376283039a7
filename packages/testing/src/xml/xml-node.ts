/** The WebDAV namespace URI (RFC 4918 section 21). */
export const DAV_NS = 'DAV:'

/** The namespace bound to the reserved `xml` prefix. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/** An expanded name: namespace URI (`''` for none) and local name. Prefixes are never identity. */
export interface QName {
  readonly ns: string
  readonly local: string
}

/** An attribute with its resolved name (namespace declarations are not attributes). */
export interface XmlAttr {
  readonly ns: string
  readonly local: string
  readonly value: string
}

/** An element with all names resolved, children in document order. */
export interface XmlElement {
  readonly kind: 'element'
  readonly ns: string
  readonly local: string
  readonly attrs: readonly XmlAttr[]
  readonly children: readonly XmlNode[]
}

/** Character data with entities and character references already decoded. */
export interface XmlText {
  readonly kind: 'text'
  readonly text: string
}

/** A node of a parsed or to-be-written XML document. */
export type XmlNode = XmlElement | XmlText

/** A string key for a QName, usable in maps: `{ns}local` (Clark notation). */
export function qnameKey(name: QName): string {
  return `{${name.ns}}${name.local}`
}

/** Builds an element. */
export function element(ns: string, local: string, children: readonly XmlNode[] = [], attrs: readonly XmlAttr[] = []): XmlElement {
  return { kind: 'element', ns, local, attrs, children }
}

/** Builds an element in the `DAV:` namespace. */
export function dav(local: string, children: readonly XmlNode[] = []): XmlElement {
  return element(DAV_NS, local, children)
}

/** Builds a text node. */
export function text(value: string): XmlText {
  return { kind: 'text', text: value }
}

/** The element children of an element (text and whitespace skipped). */
export function childElements(node: XmlElement): XmlElement[] {
  return node.children.filter((child): child is XmlElement => child.kind === 'element')
}

/** The first child element with the given name, if any. */
export function findChild(node: XmlElement, ns: string, local: string): XmlElement | undefined {
  return childElements(node).find((child) => child.ns === ns && child.local === local)
}

/** The concatenated text content of a node, descendants included. */
export function textContent(node: XmlNode): string {
  if (node.kind === 'text') return node.text
  return node.children.map(textContent).join('')
}

/** Whether an element is in `DAV:` with the given local name. */
export function isDav(node: XmlElement, local: string): boolean {
  return node.ns === DAV_NS && node.local === local
}
