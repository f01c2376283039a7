import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { XML_NS, type XmlAttr, type XmlElement, type XmlNode } from './xml-node.ts'

/** Outcome of parsing a request body: the root element, or why the body is not acceptable XML. */
export type ParseXmlResult = { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly reason: string }

const TEXT = '#text'
const CDATA = '#cdata'
const ATTRS = ':@'

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  allowBooleanAttributes: false,
})

class XmlSyntaxError extends Error {}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes the five predefined entities and character references; anything else is a well-formedness error. */
function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new XmlSyntaxError(`unterminated entity reference '${match}'`)
    const named = NAMED_ENTITIES[name]
    if (named !== undefined) return named
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name)
    if (numeric) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number.parseInt(numeric[2] ?? '', 10)
      if (!isXmlChar(code)) throw new XmlSyntaxError(`character reference '${match}' is not an XML character`)
      return String.fromCodePoint(code)
    }
    throw new XmlSyntaxError(`undeclared entity '${match}'`)
  })
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

type RawNode = Record<string, unknown>

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':')
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)]
}

function resolveElement(tag: string, raw: RawNode, outer: ReadonlyMap<string, string>): XmlElement {
  const rawAttrs = (raw[ATTRS] ?? {}) as Record<string, string>
  const scope = new Map(outer)
  const plainAttrs: [string, string][] = []
  for (const [name, rawValue] of Object.entries(rawAttrs)) {
    const value = decodeEntities(String(rawValue))
    if (name === 'xmlns') scope.set('', value)
    else if (name.startsWith('xmlns:')) {
      const prefix = name.slice(6)
      if (value === '') throw new XmlSyntaxError(`prefix '${prefix}' cannot be bound to the empty namespace`)
      if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS)) throw new XmlSyntaxError(`prefix '${prefix}' cannot be redeclared`)
      scope.set(prefix, value)
    } else plainAttrs.push([name, value])
  }
  const [prefix, local] = splitName(tag)
  if (local === '' || local.includes(':')) throw new XmlSyntaxError(`invalid element name '${tag}'`)
  const ns = scope.get(prefix)
  if (ns === undefined) throw new XmlSyntaxError(`undeclared namespace prefix '${prefix}'`)
  const attrs: XmlAttr[] = plainAttrs.map(([name, value]) => {
    const [attrPrefix, attrLocal] = splitName(name)
    if (attrPrefix === '') return { ns: '', local: attrLocal, value }
    const attrNs = scope.get(attrPrefix)
    if (attrNs === undefined) throw new XmlSyntaxError(`undeclared namespace prefix '${attrPrefix}'`)
    return { ns: attrNs, local: attrLocal, value }
  })
  const children = resolveChildren(raw[tag], scope)
  return { kind: 'element', ns, local, attrs, children }
}

function resolveChildren(list: unknown, scope: ReadonlyMap<string, string>): XmlNode[] {
  if (!Array.isArray(list)) return []
  const out: XmlNode[] = []
  for (const item of list as RawNode[]) {
    const tag = Object.keys(item).find((key) => key !== ATTRS)
    if (tag === undefined) continue
    if (tag === TEXT) pushText(out, decodeEntities(String(item[TEXT])))
    else if (tag === CDATA) pushText(out, cdataText(item[CDATA]))
    else out.push(resolveElement(tag, item, scope))
  }
  return out
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return String(value ?? '')
  return (value as RawNode[]).map((part) => String(part[TEXT] ?? '')).join('')
}

function pushText(out: XmlNode[], value: string): void {
  const last = out.at(-1)
  if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + value }
  else out.push({ kind: 'text', text: value })
}

/**
 * Parses an XML request body into namespace-resolved nodes.
 * DOCTYPE declarations are refused (no entity expansion, ever); only the predefined
 * entities and character references are decoded.
 */
export function parseXml(body: string): ParseXmlResult {
  if (/<!DOCTYPE/i.test(body) || /<!ENTITY/i.test(body)) return { ok: false, reason: 'DOCTYPE declarations are not accepted' }
  const valid = XMLValidator.validate(body, { allowBooleanAttributes: false })
  if (valid !== true) return { ok: false, reason: `malformed XML: ${valid.err.msg} (line ${valid.err.line})` }
  try {
    const doc = parser.parse(body) as RawNode[]
    const initial = new Map<string, string>([
      ['', ''],
      ['xml', XML_NS],
    ])
    const roots = resolveChildren(doc, initial).filter((node): node is XmlElement => node.kind === 'element')
    const root = roots[0]
    if (root === undefined || roots.length !== 1) return { ok: false, reason: 'an XML document needs exactly one root element' }
    return { ok: true, root }
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { ok: false, reason: error.message }
    return { ok: false, reason: `malformed XML: ${error instanceof Error ? error.message : String(error)}` }
  }
}
