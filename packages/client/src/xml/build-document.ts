import type { QName, XmlAttribute, XmlElement, XmlNode } from '@davkit/types'
import { XMLBuilder } from 'fast-xml-parser'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { isNCName } from './ncname.ts'

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace'
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/'
const ATTRIBUTE_PREFIX = '@_'

// Characters XML 1.0 cannot carry, even escaped, and unpaired surrogates.
const INVALID_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
  format: false,
  entities: [
    { regex: /&/g, val: '&amp;' },
    { regex: />/g, val: '&gt;' },
    { regex: /</g, val: '&lt;' },
    { regex: /'/g, val: '&apos;' },
    { regex: /"/g, val: '&quot;' },
    // Whitespace a parser would normalise away is sent as character references.
    { regex: /\r/g, val: '&#13;' },
    { regex: /\t/g, val: '&#9;' },
    { regex: /\n/g, val: '&#10;' },
  ],
} as ConstructorParameters<typeof XMLBuilder>[0])

/** An element to serialise: a name, attributes and children, in the shape of the decoder's `XmlElement`. */
export function element(name: QName, children: readonly XmlNode[] = [], attributes: readonly XmlAttribute[] = []): XmlElement {
  return { kind: 'element', name, attributes, children }
}

/** A text node. */
export function text(value: string): XmlNode {
  return { kind: 'text', text: value }
}

/** A `DAV:` name. */
export function dav(local: string): QName {
  return { namespace: 'DAV:', local }
}

type Prefixes = Map<string, string>

function checkName(name: QName, what: string): void {
  if (!isNCName(name.local)) {
    throw new InvalidRequestError(`${what} local name ${JSON.stringify(name.local)} is not an XML name`)
  }
  if (INVALID_CHARS.test(name.namespace)) {
    throw new InvalidRequestError(`${what} namespace ${JSON.stringify(name.namespace)} has characters XML cannot carry`)
  }
  if (name.namespace === XMLNS_NAMESPACE) {
    throw new InvalidRequestError(`${what} ${name.local} is in the reserved xmlns namespace`)
  }
}

function collectNamespaces(node: XmlElement, prefixes: Prefixes): void {
  checkName(node.name, 'element')
  const add = (namespace: string): void => {
    if (namespace === '' || namespace === XML_NAMESPACE || prefixes.has(namespace)) return
    prefixes.set(namespace, namespace === 'DAV:' ? 'D' : `ns${prefixes.size}`)
  }
  add(node.name.namespace)
  for (const attribute of node.attributes) {
    checkName(attribute.name, 'attribute')
    add(attribute.name.namespace)
  }
  for (const child of node.children) if (child.kind === 'element') collectNamespaces(child, prefixes)
}

function qualified(name: QName, prefixes: Prefixes): string {
  if (name.namespace === '') return name.local
  if (name.namespace === XML_NAMESPACE) return `xml:${name.local}`
  return `${prefixes.get(name.namespace) ?? ''}:${name.local}`
}

function checkText(value: string): string {
  if (INVALID_CHARS.test(value)) {
    throw new InvalidRequestError('text has characters XML 1.0 cannot carry (control characters or lone surrogates)')
  }
  return value
}

type OrderedNode = Record<string, unknown>

function toOrdered(node: XmlElement, prefixes: Prefixes, declarations: Record<string, string> | undefined): OrderedNode {
  const attributes: Record<string, string> = { ...declarations }
  for (const attribute of node.attributes) {
    attributes[`${ATTRIBUTE_PREFIX}${qualified(attribute.name, prefixes)}`] = checkText(attribute.value)
  }
  if (node.lang !== undefined) attributes[`${ATTRIBUTE_PREFIX}xml:lang`] = checkText(node.lang)
  const children = node.children.map(
    (child): OrderedNode => (child.kind === 'text' ? { '#text': checkText(child.text) } : toOrdered(child, prefixes, undefined)),
  )
  const out: OrderedNode = { [qualified(node.name, prefixes)]: children }
  if (Object.keys(attributes).length > 0) out[':@'] = attributes
  return out
}

/**
 * Serialises an element tree as a UTF-8 XML document with fast-xml-parser's builder. Names are
 * namespace-exact: every namespace gets a prefix declared on the root (`D` for `DAV:`), and no
 * default namespace is ever declared, so an element in no namespace is written unprefixed.
 * Text and attribute values are escaped (`&`, `<`, `>`, quotes, and CR/LF/TAB as character
 * references). Throws `InvalidRequestError` for names that are not XML names and for characters
 * XML cannot carry.
 */
export function buildXmlDocument(root: XmlElement): string {
  const prefixes: Prefixes = new Map()
  collectNamespaces(root, prefixes)
  const declarations: Record<string, string> = {}
  for (const [namespace, prefix] of prefixes) declarations[`${ATTRIBUTE_PREFIX}xmlns:${prefix}`] = namespace
  const body: string = builder.build([toOrdered(root, prefixes, declarations)])
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}`
}
