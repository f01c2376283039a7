import { DAV_NS, XML_NS, type XmlElement, type XmlNode } from './xml-node.ts'

/**
 * How the `DAV:` namespace is spelled in response bodies: a prefix (`'D'`, `'d'`, `'a'`...)
 * or `'default'` for `xmlns="DAV:"` on the root element.
 */
export type DavPrefixStyle = 'default' | (string & {})

/** Escapes character data: `&`, `<`, `>` and carriage returns (kept as references so they survive parsing). */
export function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&#13;'))
}

/** Escapes an attribute value for double quotes, including whitespace that attribute normalisation would eat. */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;'
      case '<':
        return '&lt;'
      case '>':
        return '&gt;'
      case '"':
        return '&quot;'
      case '\t':
        return '&#9;'
      case '\n':
        return '&#10;'
      default:
        return '&#13;'
    }
  })
}

interface Scope {
  readonly prefixes: ReadonlyMap<string, string>
  readonly defaultNs: string
}

class Writer {
  private counter = 0
  readonly parts: string[] = []

  private prefixIn(prefixes: ReadonlyMap<string, string>, ns: string): string | undefined {
    for (const [prefix, bound] of prefixes) if (bound === ns) return prefix
    return undefined
  }

  /** Writes a node; `rootDeclaration` is added to the start tag of the document element. */
  write(node: XmlNode, scope: Scope, rootDeclaration = ''): void {
    if (node.kind === 'text') {
      this.parts.push(escapeText(node.text))
      return
    }
    let declarations = rootDeclaration
    // Copy-on-write: most elements declare nothing and share their parent's bindings.
    let prefixes = scope.prefixes
    let defaultNs = scope.defaultNs
    const bind = (ns: string): string => {
      const known = this.prefixIn(prefixes, ns)
      if (known !== undefined) return known
      const prefix = `ns${this.counter++}`
      if (prefixes === scope.prefixes) prefixes = new Map(scope.prefixes)
      ;(prefixes as Map<string, string>).set(prefix, ns)
      declarations += ` xmlns:${prefix}="${escapeAttr(ns)}"`
      return prefix
    }
    let tag: string
    if (node.ns === defaultNs) tag = node.local
    else if (node.ns === '') {
      defaultNs = ''
      declarations += ' xmlns=""'
      tag = node.local
    } else tag = `${bind(node.ns)}:${node.local}`
    let attrs = ''
    for (const attr of node.attrs) {
      const name = attr.ns === '' ? attr.local : attr.ns === XML_NS ? `xml:${attr.local}` : `${bind(attr.ns)}:${attr.local}`
      attrs += ` ${name}="${escapeAttr(attr.value)}"`
    }
    this.parts.push(`<${tag}${declarations}${attrs}`)
    if (node.children.length === 0) {
      this.parts.push('/>')
      return
    }
    this.parts.push('>')
    const inner: Scope = prefixes === scope.prefixes && defaultNs === scope.defaultNs ? scope : { prefixes, defaultNs }
    for (const child of node.children) this.write(child, inner)
    this.parts.push(`</${tag}>`)
  }
}

/**
 * Serialises a document with its own namespace bookkeeping (independent of any client decoder).
 * `DAV:` is bound on the root per `style`; any other namespace is declared where first needed.
 */
export function writeXml(root: XmlElement, style: DavPrefixStyle = 'D'): string {
  const writer = new Writer()
  const prefixes = new Map<string, string>()
  let defaultNs = ''
  let declaration: string
  if (style === 'default') {
    defaultNs = DAV_NS
    declaration = ` xmlns="${DAV_NS}"`
  } else {
    prefixes.set(style, DAV_NS)
    declaration = ` xmlns:${style}="${DAV_NS}"`
  }
  writer.parts.push('<?xml version="1.0" encoding="utf-8"?>\n')
  writer.write(root, { prefixes, defaultNs }, declaration)
  return writer.parts.join('')
}
