import type { DecodeFailure, QName, XmlAttribute, XmlElement, XmlNode, XmlText } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import { bodyText, type XmlBody } from './body-text.ts'
import { textOf } from './element-text.ts'
import {
  ATTRIBUTE_PREFIX,
  ATTRIBUTES_KEY,
  DOCTYPE_MESSAGE,
  META,
  TEXT_KEY,
  TOO_DEEP_MESSAGE,
  locateSyntaxError,
  runEngine,
  unguardedName,
  type EngineAttributes,
  type EngineMetadata,
  type EngineNode,
} from './xml-engine.ts'
import { inspectProlog, looksLikeHtml } from './inspect-prolog.ts'
import { XML_NAMESPACE, XMLNS_NAMESPACE } from './xml-namespaces.ts'
import { ReusableList } from './reusable-list.ts'
import { offsetAt, positionAt, snippetAround } from './text-position.ts'

/** Limits and context for {@link parseXmlDocument}. */
export interface ParseXmlOptions {
  /** The largest body accepted, in bytes. Default {@link DEFAULT_MAX_BYTES} (256 MiB). */
  readonly maxBytes?: number
  /** The deepest element nesting accepted (the root is at depth 1). Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number
  /** The `Content-Type` of the response, reported in `not-xml` failures. */
  readonly contentType?: string
}

/** The default body size limit: 256 MiB, room for listings of several hundred thousand entries. */
export const DEFAULT_MAX_BYTES: number = 256 * 1024 * 1024

/** The default nesting limit. Real WebDAV bodies nest fewer than 20 levels. */
export const DEFAULT_MAX_DEPTH = 256

// NCName (Namespaces in XML 1.0, section 3), as `prefix:local` or `local`.
const NAME_START = 'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`
const NCNAME = `[${NAME_START}][${NAME_CHAR}]*`
const QUALIFIED_NAME = new RegExp(`^(?:(${NCNAME}):)?(${NCNAME})$`, 'u')
const WHITESPACE_ONLY = /^\s*$/

/** Namespace bindings in scope: prefix (`''` for the default namespace) to namespace URI. */
type Bindings = { readonly [prefix: string]: string }

const ROOT_BINDINGS: Bindings = Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NAMESPACE })
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([])
const ROOT_NAME: QName = Object.freeze({ namespace: '', local: '' })
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([])

/** An element name resolved in a scope: the name and the raw name it was written as. */
interface ResolvedName {
  readonly name: QName
  readonly raw: string
}

/**
 * The namespace bindings in scope at an element, with what was resolved under them: the element
 * names (by the engine's key) and the scopes that declarations open. Bodies repeat the same
 * declarations on many elements (Apache declares its prefixes on every `response`), so each
 * distinct declaration under a scope makes one scope, and each name is resolved once per scope.
 */
class Scope {
  readonly bindings: Bindings
  readonly names: Map<string, ResolvedName> = new Map()
  // A scope per declaration made under this one: by attribute name (`xmlns`, `xmlns:p`), then value.
  readonly #declared = new Map<string, Map<string, Scope>>()

  constructor(bindings: Bindings) {
    this.bindings = bindings
  }

  /** The scope with `name="value"` declared on top of this one, made (and checked) once. */
  declare(name: string, value: string, start: number): Scope {
    let byValue = this.#declared.get(name)
    if (byValue === undefined) {
      byValue = new Map()
      this.#declared.set(name, byValue)
    }
    let scope = byValue.get(value)
    if (scope === undefined) {
      const bindings = Object.create(this.bindings) as Record<string, string>
      bindings[declaredPrefix(name, value, start)] = value
      scope = new Scope(bindings)
      byValue.set(value, scope)
    }
    return scope
  }
}

// The prefix a namespace declaration binds (`''` for `xmlns`), once the declaration is known valid.
function declaredPrefix(name: string, value: string, start: number): string {
  if (name.length === 5) {
    if (value === XML_NAMESPACE || value === XMLNS_NAMESPACE) throw new XmlSyntaxError(`${value} cannot be the default namespace`, start)
    return ''
  }
  const prefix = name.slice(6)
  const split = splitName(prefix)
  if (split === null || split[0] !== '') throw new XmlSyntaxError(`${name} does not declare a valid prefix`, start)
  if (prefix === 'xmlns') throw new XmlSyntaxError('the prefix xmlns cannot be declared', start)
  if ((prefix === 'xml') !== (value === XML_NAMESPACE)) throw new XmlSyntaxError(`the prefix xml cannot be bound to ${value}`, start)
  if (value === '') throw new XmlSyntaxError(`the prefix ${prefix} cannot be undeclared`, start)
  if (value === XMLNS_NAMESPACE) throw new XmlSyntaxError(`${value} cannot be bound to a prefix`, start)
  return prefix
}

// Indentation repeats on every line of a pretty-printed body: one shared node per distinct run.
const whitespaceNodes = new Map<string, XmlText>()
const WHITESPACE_NODE_LIMIT = 256
const SHAREABLE_WHITESPACE = /^[ \t\n]{1,64}$/

function textNode(text: string): XmlText {
  const first = text.charCodeAt(0)
  if ((first !== 10 && first !== 32 && first !== 9) || text.length > 64 || !SHAREABLE_WHITESPACE.test(text)) return { kind: 'text', text }
  let node = whitespaceNodes.get(text)
  if (node === undefined) {
    node = Object.freeze({ kind: 'text', text }) as XmlText
    if (whitespaceNodes.size >= WHITESPACE_NODE_LIMIT) whitespaceNodes.clear()
    whitespaceNodes.set(text, node)
  }
  return node
}

// A qualified name split once: [prefix, local] (prefix '' when there is none), or null when invalid.
type SplitName = readonly [string, string] | null
const splitNames = new Map<string, SplitName>()
const SPLIT_CACHE_LIMIT = 4096

function splitName(raw: string): SplitName {
  let split = splitNames.get(raw)
  if (split === undefined) {
    const match = QUALIFIED_NAME.exec(raw)
    split = match === null ? null : [match[1] ?? '', match[2] ?? '']
    if (splitNames.size >= SPLIT_CACHE_LIMIT) splitNames.clear()
    splitNames.set(raw, split)
  }
  return split
}

/** A syntax or namespace error at an offset of the parsed text. */
class XmlSyntaxError extends Error {
  readonly offset: number
  constructor(reason: string, offset: number) {
    super(reason)
    this.offset = offset
  }
}

class TooDeepError extends Error {}

/** State shared by the whole tree of one document. */
class TreeBuilder {
  readonly #xml: string
  readonly #maxDepth: number
  // One QName object per (namespace, local name) in a document.
  readonly #names = new Map<string, Map<string, QName>>()
  /** The scope of the root element: only `xml:` is bound. */
  readonly rootScope: Scope = new Scope(ROOT_BINDINGS)

  constructor(xml: string, maxDepth: number) {
    this.#xml = xml
    this.#maxDepth = maxDepth
  }

  qname(namespace: string, local: string): QName {
    let byLocal = this.#names.get(namespace)
    if (byLocal === undefined) {
      byLocal = new Map()
      this.#names.set(namespace, byLocal)
    }
    let name = byLocal.get(local)
    if (name === undefined) {
      name = { namespace, local }
      byLocal.set(local, name)
    }
    return name
  }

  // What #head resolved for the element it was last given, read by its caller at once.
  #name: ResolvedName = { name: ROOT_NAME, raw: '' }
  #scope: Scope | undefined
  #lang: string | undefined
  #attributesOf: readonly XmlAttribute[] = NO_ATTRIBUTES

  // Checks and resolves an element's name, namespace declarations, attributes and xml:lang.
  #head(node: EngineNode, key: string, inherited: Scope, inheritedLang: string | undefined, depth: number): EngineMetadata {
    const meta = node[META] as EngineMetadata
    if (depth > this.#maxDepth) throw new TooDeepError()
    // A mark in the text itself is not the engine's mark of a guarded name: a control character.
    if (key.charCodeAt(0) === 1 && this.#xml.charCodeAt(meta.startIndex + 1) === 1) {
      throw new XmlSyntaxError(`<${key}> is not a valid element name`, meta.startIndex)
    }
    // A name already resolved in the inherited scope is known to be valid.
    let resolved = inherited.names.get(key)
    if (resolved === undefined) {
      const raw = rawName(key)
      const split = splitName(raw)
      if (split === null || split[0] === 'xmlns') throw new XmlSyntaxError(`<${raw}> is not a valid element name`, meta.startIndex)
    }

    let scope = inherited
    let lang = inheritedLang
    let attributesOf = NO_ATTRIBUTES
    const attributes = node[ATTRIBUTES_KEY] as EngineAttributes | undefined
    if (attributes !== undefined) {
      const start = meta.startIndex
      let pending: [string, string][] | undefined
      for (const prefixed in attributes) {
        const value = attributes[prefixed]
        const name = prefixed.slice(ATTRIBUTE_PREFIX.length)
        if (typeof value !== 'string') throw new XmlSyntaxError(`attribute ${name} of <${rawName(key)}> has no value`, start)
        if (name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === 58 /* : */)) {
          scope = scope.declare(name, value, start)
          continue
        }
        if (name === 'xml:lang') lang = value
        ;(pending ??= []).push([name, value])
      }
      if (scope !== inherited) resolved = scope.names.get(key)
      resolved ??= this.#resolve(key, scope, start)
      if (pending !== undefined) attributesOf = this.#attributes(pending, scope, resolved.raw, start)
    } else {
      resolved ??= this.#resolve(key, scope, meta.startIndex)
    }
    this.#name = resolved
    this.#scope = scope
    this.#lang = lang
    this.#attributesOf = attributesOf
    return meta
  }

  // Resolves a valid element name in a scope, once per scope.
  #resolve(key: string, scope: Scope, start: number): ResolvedName {
    const raw = rawName(key)
    const split = splitName(raw) as readonly [string, string]
    const namespace = split[0] === '' ? (scope.bindings[''] ?? '') : scope.bindings[split[0]]
    if (namespace === undefined) throw new XmlSyntaxError(`the prefix ${split[0]} of <${raw}> is not declared`, start)
    const resolved: ResolvedName = { name: this.qname(namespace, split[1]), raw }
    scope.names.set(key, resolved)
    return resolved
  }

  /** Converts an engine element and everything in it. */
  element(node: EngineNode, key: string, inherited: Scope, inheritedLang: string | undefined, depth: number): XmlElement {
    const meta = this.#head(node, key, inherited, inheritedLang, depth)
    const resolved = this.#name
    const childNodes = node[key] as readonly EngineNode[]
    const element = this.convert(resolved.name, this.#attributesOf, childNodes, this.#scope as Scope, this.#lang, depth)
    // After the children, so that the innermost mismatch is the one reported.
    this.#checkEnd(resolved.raw, meta, childNodes.length === 0)
    return element
  }

  /** Builds an element whose head is resolved and checked, converting its content. */
  convert(
    name: QName,
    attributes: readonly XmlAttribute[],
    childNodes: readonly EngineNode[],
    scope: Scope,
    lang: string | undefined,
    depth: number,
  ): XmlElement {
    // Most elements hold one node, most often a text: an array is made when there is a second one,
    // and never grown from empty (which would reserve room for many more).
    let first: XmlNode | undefined
    let children: XmlNode[] | undefined
    let text: string | undefined
    for (const child of childNodes) {
      const childText = child[TEXT_KEY]
      if (childText !== undefined) {
        if (childText !== '') text = text === undefined ? (childText as string) : text + (childText as string)
        continue
      }
      if (text !== undefined) {
        if (first === undefined) first = textNode(text)
        else if (children === undefined) children = [first, textNode(text)]
        else children.push(textNode(text))
        text = undefined
      }
      const element = this.element(child, elementKey(child), scope, lang, depth + 1)
      if (first === undefined) first = element
      else if (children === undefined) children = [first, element]
      else children.push(element)
    }
    if (text !== undefined) {
      if (first === undefined) first = textNode(text)
      else if (children === undefined) children = [first, textNode(text)]
      else children.push(textNode(text))
    }
    if (first === undefined) {
      if (lang === undefined && attributes === NO_ATTRIBUTES) return this.#emptyElement(name)
      children = NO_CHILDREN as XmlNode[]
    } else {
      children ??= [first]
    }
    if (lang === undefined) return { kind: 'element', name, attributes, children }
    return { kind: 'element', name, attributes, children, lang }
  }

  // Empty elements without attributes repeat in listings (`<D:displayname/>` in every 404 propstat):
  // one frozen element per name and document.
  readonly #emptyElements = new Map<QName, XmlElement>()

  #emptyElement(name: QName): XmlElement {
    let element = this.#emptyElements.get(name)
    if (element === undefined) {
      element = Object.freeze({ kind: 'element', name, attributes: NO_ATTRIBUTES, children: NO_CHILDREN }) as XmlElement
      this.#emptyElements.set(name, element)
    }
    return element
  }

  // What `open` resolved for the element it was last given, read by its caller at once.
  openedScope: Scope = this.rootScope
  openedLang: string | undefined
  openedAttributes: readonly XmlAttribute[] = NO_ATTRIBUTES

  /** Checks and resolves an engine element, leaving its content to be converted on demand. */
  open(node: EngineNode, key: string, inherited: Scope, inheritedLang: string | undefined, depth: number): QName {
    const meta = this.#head(node, key, inherited, inheritedLang, depth)
    this.#checkEnd(this.#name.raw, meta, (node[key] as readonly EngineNode[]).length === 0)
    this.openedScope = this.#scope as Scope
    this.openedLang = this.#lang
    this.openedAttributes = this.#attributesOf
    return this.#name.name
  }

  #attributes(pending: readonly (readonly [string, string])[], scope: Scope, raw: string, start: number): XmlAttribute[] {
    const attributes: XmlAttribute[] = []
    for (const [name, value] of pending) {
      const split = splitName(name)
      if (split === null) throw new XmlSyntaxError(`${name} is not a valid attribute name on <${raw}>`, start)
      // Unprefixed attributes are in no namespace, whatever the default namespace is.
      const namespace = split[0] === '' ? '' : scope.bindings[split[0]]
      if (namespace === undefined) throw new XmlSyntaxError(`the prefix ${split[0]} of attribute ${name} is not declared`, start)
      attributes.push({ name: this.qname(namespace, split[1]), value })
    }
    return attributes
  }

  // The engine does not check that end tags match start tags: do it from its offsets.
  #checkEnd(raw: string, meta: EngineMetadata, empty: boolean): void {
    const xml = this.#xml
    const end = meta.endIndex
    if (end === undefined) throw new XmlSyntaxError(`<${raw}> is never closed`, meta.startIndex)
    // The common case first: `</raw>` right before the end, after the start tag.
    const nameStart = end - 1 - raw.length
    if (
      xml.charCodeAt(nameStart - 1) === 47 /* / */ &&
      xml.charCodeAt(nameStart - 2) === 60 /* < */ &&
      nameStart - 2 > meta.startIndex &&
      xml.charCodeAt(end - 2) !== 47 &&
      xml.startsWith(raw, nameStart)
    ) {
      return
    }
    if (xml.charCodeAt(end - 2) === 47 /* / */) {
      // `<name .../>`: the tag that ends the element is the one that started it.
      if (empty && xml.lastIndexOf('<', end - 1) === meta.startIndex) return
      throw new XmlSyntaxError(`<${raw}> is not closed properly`, meta.startIndex)
    }
    const endTag = xml.lastIndexOf('</', end - 1)
    const nameEnd = endTag + 2 + raw.length
    if (endTag > meta.startIndex && xml.startsWith(raw, endTag + 2) && (nameEnd === end - 1 || WHITESPACE_ONLY.test(xml.slice(nameEnd, end - 1)))) {
      return
    }
    throw new XmlSyntaxError(`<${raw}> is closed by ${endTag > meta.startIndex ? xml.slice(endTag, end) : 'nothing'}`, endTag > meta.startIndex ? endTag : meta.startIndex)
  }
}

// The raw name of an element from the engine's key, without the mark of a guarded name.
function rawName(key: string): string {
  return unguardedName(key)
}

// The raw name of an element node: its first key (the attributes and metadata come after it).
function elementKey(node: EngineNode): string {
  for (const key in node) return key
  return ''
}

/**
 * An element of a document visited with {@link visitXmlDocument}: its name is resolved and its
 * tags are checked, but its content is converted only when asked for. A visitor must reach every
 * element (walking the children with `firstChild` and `nextSibling`, or through `childElements`,
 * `text`, `element`, or `skip` for content of no interest) for the whole document to be checked.
 *
 * Pending elements are cursors: there is one per depth, so a child is valid only until its
 * parent's `firstChild` or its own `nextSibling` is called again. Read what you need of one
 * before moving on; never keep it.
 */
export interface PendingElement {
  /** The resolved name. */
  readonly name: QName
  /** The first child element, still pending, or `undefined`; text before it is skipped. */
  firstChild(): PendingElement | undefined
  /** This cursor moved to the next sibling element, or `undefined` after the last; text is skipped. */
  nextSibling(): PendingElement | undefined
  /** The child elements, converted, in document order; text between them is skipped. */
  childElements(): XmlElement[]
  /** The concatenated text of the element and its descendants, as `textOf` gives it. */
  text(): string
  /** The whole element, converted. */
  element(): XmlElement
  /** Checks the content of an element that is of no interest. */
  skip(): void
}

const NO_NODES: readonly EngineNode[] = Object.freeze([])
const gatheredElements = new ReusableList<XmlElement>()

class ElementCursor implements PendingElement {
  name: QName = ROOT_NAME
  readonly #builder: TreeBuilder
  readonly #depth: number
  // Where the element sits: its parent's nodes, its index there, and what it inherits.
  #siblings: readonly EngineNode[] = NO_NODES
  #index = 0
  #inherited: Scope
  #inheritedLang: string | undefined
  // The element itself, once opened.
  #attributes: readonly XmlAttribute[] = NO_ATTRIBUTES
  #childNodes: readonly EngineNode[] = NO_NODES
  #scope: Scope
  #lang: string | undefined
  #child: ElementCursor | undefined

  constructor(builder: TreeBuilder, depth: number, scope: Scope) {
    this.#builder = builder
    this.#depth = depth
    this.#inherited = scope
    this.#scope = scope
  }

  /** Opens the first element of `siblings` from index `from` on, or gives `undefined` when there is none. */
  moveTo(siblings: readonly EngineNode[], from: number, inherited: Scope, inheritedLang: string | undefined): ElementCursor | undefined {
    for (let index = from; index < siblings.length; index++) {
      const node = siblings[index] as EngineNode
      if (node[TEXT_KEY] !== undefined) continue
      const builder = this.#builder
      const key = elementKey(node)
      this.name = builder.open(node, key, inherited, inheritedLang, this.#depth)
      this.#siblings = siblings
      this.#index = index
      this.#inherited = inherited
      this.#inheritedLang = inheritedLang
      this.#attributes = builder.openedAttributes
      this.#childNodes = node[key] as readonly EngineNode[]
      this.#scope = builder.openedScope
      this.#lang = builder.openedLang
      return this
    }
    return undefined
  }

  firstChild(): PendingElement | undefined {
    this.#child ??= new ElementCursor(this.#builder, this.#depth + 1, this.#scope)
    return this.#child.moveTo(this.#childNodes, 0, this.#scope, this.#lang)
  }

  nextSibling(): PendingElement | undefined {
    return this.moveTo(this.#siblings, this.#index + 1, this.#inherited, this.#inheritedLang)
  }

  childElements(): XmlElement[] {
    // Gathered in a shared list and copied out at their exact length (`element` never comes back here).
    const gathered = gatheredElements
    gathered.reset()
    for (const child of this.#childNodes) {
      if (child[TEXT_KEY] === undefined) gathered.add(this.#builder.element(child, elementKey(child), this.#scope, this.#lang, this.#depth + 1))
    }
    return gathered.take()
  }

  text(): string {
    let text = ''
    for (const child of this.#childNodes) {
      const childText = child[TEXT_KEY]
      if (childText !== undefined) text += childText as string
      else text += textOf(this.#builder.element(child, elementKey(child), this.#scope, this.#lang, this.#depth + 1))
    }
    return text
  }

  element(): XmlElement {
    return this.#builder.convert(this.name, this.#attributes, this.#childNodes, this.#scope, this.#lang, this.#depth)
  }

  skip(): void {
    for (const child of this.#childNodes) {
      if (child[TEXT_KEY] === undefined) this.#builder.element(child, elementKey(child), this.#scope, this.#lang, this.#depth + 1)
    }
  }
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
 * - A byte order mark, a single-quoted declaration, CRLF line ends and whitespace before the
 *   declaration are accepted; bytes are decoded as UTF-8 unless a UTF-16 byte order mark or the
 *   declared encoding says otherwise.
 *
 * @throws {DecodeError} with `empty-body`, `not-xml`, `doctype-forbidden`, `too-large`,
 *   `too-deep` or `malformed-xml` (with line and column) as its failure.
 *
 * @example
 * ```ts
 * const root = parseXmlDocument('<d:prop xmlns:d="DAV:"><d:getetag>"1"</d:getetag></d:prop>')
 * root.name // { namespace: 'DAV:', local: 'prop' }
 * ```
 */
export function parseXmlDocument(body: XmlBody, options: ParseXmlOptions = {}): XmlElement {
  return parseXmlText(body, options).root
}

/** A parsed document: its root element and the text it was parsed from (line ends normalised). */
export interface ParsedXml {
  readonly root: XmlElement
  readonly xml: string
}

/**
 * {@link parseXmlDocument}, also returning the parsed text so that callers can quote it in their
 * own errors.
 *
 * @throws {DecodeError} as {@link parseXmlDocument} does.
 */
export function parseXmlText(body: XmlBody, options: ParseXmlOptions = {}): ParsedXml {
  const document = prepare(body, options)
  try {
    return { root: document.builder.element(document.root, elementKey(document.root), document.builder.rootScope, undefined, 1), xml: document.xml }
  } catch (error) {
    throw translate(error, document)
  }
}

/**
 * Parses an XML document and hands its root, still pending, to `visit`, which converts only what
 * it needs (see {@link PendingElement}); `xml` is the parsed text, for quoting in errors. This is
 * how a large body is decoded in a single pass over the parser's output.
 *
 * @throws {DecodeError} as {@link parseXmlDocument} does, for problems found before or during
 *   the visit, and whatever `visit` throws.
 */
export function visitXmlDocument<T>(body: XmlBody, options: ParseXmlOptions, visit: (root: PendingElement, xml: string) => T): T {
  const document = prepare(body, options)
  try {
    const builder = document.builder
    const root = new ElementCursor(builder, 1, builder.rootScope).moveTo([document.root], 0, builder.rootScope, undefined) as ElementCursor
    return visit(root, document.xml)
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw translate(error, document)
    // Report the problem a full conversion would report first, so that both entry points agree.
    try {
      const builder = new TreeBuilder(document.xml, document.maxDepth)
      builder.element(document.root, elementKey(document.root), builder.rootScope, undefined, 1)
    } catch (first) {
      throw translate(first, document)
    }
    throw translate(error, document)
  } finally {
    gatheredElements.release()
  }
}

interface PreparedDocument {
  readonly xml: string
  readonly root: EngineNode
  readonly builder: TreeBuilder
  readonly maxDepth: number
}

// Everything up to the root element: limits, prolog, the engine, and what lies outside the root.
function prepare(body: XmlBody, options: ParseXmlOptions): PreparedDocument {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  const contentType = options.contentType
  const text = bodyText(body, maxBytes)
  inspectProlog(text, contentType)
  // Normalise line ends as XML does (section 2.11), so that offsets, lines and text agree.
  const xml = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n')

  let nodes: EngineNode[]
  try {
    nodes = runEngine(xml, maxDepth)
  } catch (error) {
    throw engineFailure(xml, error, maxDepth, contentType)
  }

  let root: EngineNode | undefined
  for (const node of nodes) {
    if (node[TEXT_KEY] !== undefined) continue
    if (root !== undefined) throw malformed(xml, 'more than one root element', (node[META] as EngineMetadata).startIndex)
    root = node
  }
  if (root === undefined) {
    throw looksLikeHtml(xml)
      ? new DecodeError({ code: 'not-xml', contentType }, xml.trimStart().slice(0, 200))
      : malformed(xml, 'no root element', xml.length)
  }
  const meta = root[META] as EngineMetadata
  const outside = misplacedContent(xml, 0, meta.startIndex) ?? misplacedContent(xml, meta.endIndex ?? xml.length, xml.length)
  if (outside !== undefined) throw malformed(xml, 'content outside the root element', outside)
  return { xml, root, builder: new TreeBuilder(xml, maxDepth), maxDepth }
}

// Turns the tree builder's internal errors into DecodeErrors; anything else passes through.
function translate(error: unknown, document: PreparedDocument): unknown {
  if (error instanceof XmlSyntaxError) return malformed(document.xml, error.message, error.offset)
  if (error instanceof TooDeepError || error instanceof RangeError) {
    return new DecodeError({ code: 'too-deep', limit: document.maxDepth }, undefined, { cause: error })
  }
  return error
}

// The offset of anything but whitespace, comments and processing instructions in [from, to).
function misplacedContent(xml: string, from: number, to: number): number | undefined {
  let index = from
  while (index < to) {
    const code = xml.charCodeAt(index)
    if (code === 32 || code === 10 || code === 9 || code === 13) {
      index++
    } else if (xml.startsWith('<!--', index)) {
      const end = xml.indexOf('-->', index + 4)
      if (end === -1 || end >= to) return index
      index = end + 3
    } else if (xml.startsWith('<?', index)) {
      const end = xml.indexOf('?>', index + 2)
      if (end === -1 || end >= to) return index
      index = end + 2
    } else {
      return index
    }
  }
  return undefined
}

function malformed(xml: string, reason: string, offset: number): DecodeError {
  const { line, column } = positionAt(xml, offset)
  const failure: DecodeFailure = { code: 'malformed-xml', line, column, reason }
  return new DecodeError(failure, snippetAround(xml, offset))
}

// Where the DOCTYPE the engine reached starts, as near as can be told: the first `<!D`.
function doctypeOffset(xml: string): number {
  const offset = xml.indexOf('<!D')
  return offset === -1 ? 0 : offset
}

function engineFailure(xml: string, error: unknown, maxDepth: number, contentType: string | undefined): DecodeError {
  const message = error instanceof Error ? error.message : String(error)
  if (message === TOO_DEEP_MESSAGE) return new DecodeError({ code: 'too-deep', limit: maxDepth }, undefined, { cause: error })
  if (message === DOCTYPE_MESSAGE) return new DecodeError({ code: 'doctype-forbidden' }, snippetAround(xml, doctypeOffset(xml)), { cause: error })
  if (looksLikeHtml(xml)) return new DecodeError({ code: 'not-xml', contentType }, xml.trimStart().slice(0, 200), { cause: error })
  const located = locateSyntaxError(xml)
  const position = located ?? { line: 1, column: 1, reason: message }
  const failure: DecodeFailure = { code: 'malformed-xml', line: position.line, column: position.column, reason: position.reason }
  return new DecodeError(failure, snippetAround(xml, offsetAt(xml, position)), { cause: error })
}
