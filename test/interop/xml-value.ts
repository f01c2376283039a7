import type { QName, XmlElement, XmlNode } from './davkit.ts'

/** Parses Clark notation, `{namespace}local` (`{}local` for no namespace). */
export function qname(clark: string): QName {
  const match = /^\{([^}]*)\}(.+)$/.exec(clark)
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new Error(`not a property name in Clark notation: ${JSON.stringify(clark)}`)
  }
  return { namespace: match[1], local: match[2] }
}

/** Clark notation of a name: `{DAV:}getetag`. */
export function clark(name: QName): string {
  return `{${name.namespace}}${name.local}`
}

/** An element for a property value, built from a Clark name and children. */
export function element(name: string, ...children: readonly (XmlNode | string)[]): XmlElement {
  return {
    kind: 'element',
    name: qname(name),
    attributes: [],
    children: children.map((child) => (typeof child === 'string' ? { kind: 'text', text: child } : child)),
  }
}

/**
 * A canonical, prefix-free text form of XML content, for comparing values across servers:
 * elements as `<{ns}local attr="v">...</>`, text as is (whitespace-only text between elements is
 * dropped: servers re-indent stored values). Prefixes never appear, so `D:x` and `x` in the same
 * namespace are equal.
 */
export function canonicalXml(nodes: readonly XmlNode[]): string {
  const meaningful = nodes.some((node) => node.kind === 'element')
    ? nodes.filter((node) => node.kind === 'element' || node.text.trim() !== '')
    : nodes
  return meaningful
    .map((node) => {
      if (node.kind === 'text') return node.text
      const attributes = [...node.attributes]
        .map((attribute) => ` ${clark(attribute.name)}="${attribute.value}"`)
        .sort()
        .join('')
      return `<${clark(node.name)}${attributes}>${canonicalXml(node.children)}</>`
    })
    .join('')
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}

/**
 * Serializes XML content for a hand-made request body, declaring each namespace on the element
 * that uses it (prefixes `n0`, `n1`... per element; elements in no namespace get `xmlns=""`).
 */
export function serializeXml(nodes: readonly XmlNode[]): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return escapeText(node.text)
      const declarations = new Map<string, string>()
      const prefixOf = (namespace: string): string => {
        let prefix = declarations.get(namespace)
        if (prefix === undefined) {
          prefix = `n${declarations.size}`
          declarations.set(namespace, prefix)
        }
        return prefix
      }
      const tag = node.name.namespace === '' ? node.name.local : `${prefixOf(node.name.namespace)}:${node.name.local}`
      const attributes = node.attributes.map((attribute) => {
        const name =
          attribute.name.namespace === '' ? attribute.name.local : `${prefixOf(attribute.name.namespace)}:${attribute.name.local}`
        return ` ${name}="${escapeAttribute(attribute.value)}"`
      })
      const xmlns = [...declarations].map(([namespace, prefix]) => ` xmlns:${prefix}="${escapeAttribute(namespace)}"`)
      if (node.name.namespace === '') xmlns.push(' xmlns=""')
      return `<${tag}${xmlns.join('')}${attributes.join('')}>${serializeXml(node.children)}</${tag}>`
    })
    .join('')
}
