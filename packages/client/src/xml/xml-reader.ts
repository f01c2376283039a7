import type { DecodeFailure, QName, XmlAttribute } from '@davkit/types'
import { SaxesParser, type SaxesAttributePlain, type SaxesStartTagPlain } from 'saxes'
import { DecodeError } from '../errors/decode-error.ts'
import { clip, isNamespaceDeclaration, NamespaceBindings, NamespaceError } from './namespace-bindings.ts'
import { copyString } from './string-copy.ts'
import type { ResolvedXmlLimits } from './xml-limits.ts'
import { XML_NAMESPACE } from './xml-namespaces.ts'

// A parser and the reader it reads for; see `XmlReader.#takeParser`.
interface PooledParser {
  readonly parser: SaxesParser<{ xmlns: false; position: true }>
  reader: XmlReader | undefined
}

const MAX_IDLE_PARSERS = 4

/** What a {@link XmlReader} reports, in document order, with every name resolved to its namespace. */
export interface XmlContentHandler {
  /** An element starts; `depth` is 1 for the root. */
  open(name: QName, attributes: readonly XmlAttribute[], lang: string | undefined, depth: number): void
  /** Character data inside the root (references decoded, CDATA sections included, line ends normalised). */
  text(text: string): void
  /** The element opened last ends. */
  close(depth: number): void
}

const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([])
// How much of the start of a document is kept, to recognise an HTML page and to quote it.
const HEAD_LENGTH = 4096
// The start of a DTD declaration (XML 1.0 section 2.8).
const DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i
// An HTML page: a doctype naming html, or an HTML element first (comments skipped before).
const HTML_START = /^<(?:!doctype\s+html|html|head|body)(?:[\s/>]|$)/i

/** Whether the start of a document looks like an HTML page rather than XML. Linear in `head`. */
export function looksLikeHtml(head: string): boolean {
  let index = 0
  for (;;) {
    while (index < head.length && isSpace(head.charCodeAt(index))) index++
    if (!head.startsWith('<!--', index)) break
    const end = head.indexOf('-->', index + 4)
    if (end === -1) return false
    index = end + 3
  }
  return HTML_START.test(head.slice(index, index + 16))
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9
}

/**
 * Reads an XML document as its text arrives, with saxes (strict XML 1.0: well-formedness, only the
 * predefined and numeric references), resolving namespaces itself (Namespaces in XML 1.0: scoped
 * prefixes, default namespace, `xmlns=""`, `xml:` predefined) and reporting elements and text to a
 * {@link XmlContentHandler}. Nothing is kept but the start of the document (to quote it) and the
 * open elements' scopes: memory does not grow with the document.
 *
 * Refused, each as a typed {@link DecodeError}: an empty body, text that is not XML or is an HTML
 * page, any DOCTYPE (no DTD is ever read, no entity expanded), malformed XML (with line and
 * column), and elements beyond the depth, attribute, namespace-declaration or name-length limits.
 * The byte limit is the caller's: it counts bytes before they become text.
 */
export class XmlReader {
  readonly #handler: XmlContentHandler
  readonly #limits: ResolvedXmlLimits
  readonly #contentType: string | undefined
  readonly #parser: SaxesParser<{ xmlns: false; position: true }>
  readonly #pooled: PooledParser
  readonly #bindings = new NamespaceBindings()
  // The prefixes the open elements declared, in order, and how many each declared, by depth.
  readonly #declared: string[] = []
  readonly #declaredCounts: number[] = [0]
  // The `xml:lang` in scope, by depth (index 0: outside the root).
  readonly #langs: (string | undefined)[] = [undefined]
  #depth = 0
  #sawRoot = false
  #sawContent = false
  // Whitespace before the first markup, held back until it is known what follows it.
  #leading = ''
  #head = ''
  // The chunk being read and how many characters came before it, to quote where a problem is.
  #chunk = ''
  #chunkStart = 0
  // The element whose start tag is being read: where it starts and its attributes so far.
  #tagLine = 1
  #tagColumn = 1
  #attributes: SaxesAttributePlain[] = []
  #declarations = 0
  readonly #xmlLang: QName = this.#bindings.qname(XML_NAMESPACE, 'lang')

  constructor(handler: XmlContentHandler, limits: ResolvedXmlLimits, contentType?: string) {
    this.#handler = handler
    this.#limits = limits
    this.#contentType = contentType
    this.#pooled = XmlReader.#takeParser(this)
    this.#parser = this.#pooled.parser
  }

  // Parsers are reused, one per document being read at a time. Made afresh for each document, a
  // parser and the objects V8's optimised code for it depends on die with the document; each full
  // garbage collection then throws that code away, and after a few documents V8 gives up
  // optimising saxes: 10^4 entries took 450-950 ms instead of about 200 ms. A reused parser keeps
  // its handlers and its optimised code.
  static readonly #idle: PooledParser[] = []

  static #takeParser(reader: XmlReader): PooledParser {
    const pooled = XmlReader.#idle.pop() ?? XmlReader.#makeParser()
    pooled.reader = reader
    return pooled
  }

  static #makeParser(): PooledParser {
    const parser = new SaxesParser({ xmlns: false, position: true })
    const pooled: PooledParser = { parser, reader: undefined }
    const reader = (): XmlReader => pooled.reader as XmlReader
    // No `error` handler: saxes then throws its errors, caught in `write` and `end`. saxes keeps its
    // handlers as properties added to the parser: with eight or more, V8 turns the parser into a
    // slow dictionary object and reading gets six times slower.
    parser.on('doctype', () => {
      throw reader().#refuseDoctype()
    })
    parser.on('opentagstart', (tag) => reader().#startTag(tag))
    parser.on('attribute', (attribute) => reader().#attribute(attribute))
    parser.on('opentag', (tag) => reader().#openTag(tag.name))
    parser.on('closetag', () => reader().#closeTag())
    parser.on('text', (text) => reader().#text(text))
    parser.on('cdata', (text) => reader().#text(text))
    return pooled
  }

  // A parser that read a whole document is clean again (saxes resets itself at the end).
  #releaseParser(): void {
    this.#pooled.reader = undefined
    if (XmlReader.#idle.length < MAX_IDLE_PARSERS) XmlReader.#idle.push(this.#pooled)
  }

  #closeTag(): void {
    const depth = this.#depth--
    for (let count = this.#declaredCounts[depth] as number; count > 0; count--) this.#bindings.undeclare(this.#declared.pop() as string)
    this.#handler.close(depth)
  }

  #text(text: string): void {
    if (this.#depth > 0) this.#handler.text(text)
  }

  /** The first characters of the document (at most 4,096), to quote in errors. */
  get head(): string {
    return this.#head
  }

  /** Reads the next piece of the document's text. @throws {DecodeError} at the first problem. */
  write(text: string): void {
    if (text === '') return
    if (!this.#sawContent) {
      text = this.#checkStart(text)
      if (text === '') return
    }
    // A copy: errors quote the head after the document is gone.
    if (this.#head.length < HEAD_LENGTH) this.#head += copyString(text.slice(0, HEAD_LENGTH - this.#head.length))
    this.#chunkStart += this.#chunk.length
    this.#chunk = text
    try {
      this.#parser.write(text)
    } catch (error) {
      this.#rethrow(error)
    }
  }

  /** Reads the end of the document. @throws {DecodeError} when it is incomplete or was empty. */
  end(): void {
    if (!this.#sawContent) {
      throw new DecodeError({ code: 'empty-body' }, this.#leading === '' ? undefined : this.#leading.slice(0, 200))
    }
    try {
      this.#parser.close()
    } catch (error) {
      this.#rethrow(error)
    }
    this.#chunk = ''
    this.#releaseParser()
  }

  // What the handlers throw is already a DecodeError; anything else is saxes finding the text not well-formed.
  #rethrow(error: unknown): never {
    if (error instanceof DecodeError || !(error instanceof Error)) throw error
    this.#failed(error)
  }

  // Until the first character that is not whitespace: drops a byte order mark, holds whitespace
  // back, and refuses a body that does not start with markup. Whitespace before an XML
  // declaration (which XML forbids) is dropped, as servers that send it mean no harm; before
  // anything else it is kept, so that lines are counted right. Gives the text to read.
  #checkStart(text: string): string {
    if (this.#leading === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    let index = 0
    while (index < text.length && isSpace(text.charCodeAt(index))) index++
    if (index === text.length) {
      if (this.#leading.length < HEAD_LENGTH) this.#leading += text.slice(0, HEAD_LENGTH - this.#leading.length)
      return ''
    }
    this.#sawContent = true
    if (text.charCodeAt(index) !== 60 /* < */) {
      throw new DecodeError({ code: 'not-xml', contentType: this.#contentType }, text.slice(index, index + 200))
    }
    if (text.startsWith('<?xml', index)) return text.slice(index)
    const leading = this.#leading
    this.#leading = ''
    return leading + text
  }

  #startTag(tag: SaxesStartTagPlain): void {
    const parser = this.#parser
    // The parser reports a start tag after its name and the character that ends the name.
    this.#tagLine = parser.line
    this.#tagColumn = parser.column - tag.name.length - 1
    if (this.#tagColumn < 1) {
      this.#tagLine = Math.max(1, parser.line - 1)
      this.#tagColumn = this.#columnBefore(parser.position - tag.name.length - 2)
    }
    if (!this.#sawRoot) {
      this.#sawRoot = true
      if (looksLikeHtml(this.#head))
        throw new DecodeError({ code: 'not-xml', contentType: this.#contentType }, this.#head.trimStart().slice(0, 200))
    }
    if (this.#depth + 1 > this.#limits.maxDepth) throw new DecodeError({ code: 'too-deep', limit: this.#limits.maxDepth })
    if (tag.name.length > this.#limits.maxNameLength) throw this.#limitFailure('name-too-long', this.#limits.maxNameLength)
    // A new list only after one was used (and handed on): most elements have no attributes.
    if (this.#attributes.length > 0) this.#attributes = []
    this.#declarations = 0
  }

  #attribute(attribute: SaxesAttributePlain): void {
    const limits = this.#limits
    if (attribute.name.length > limits.maxNameLength) throw this.#limitFailure('name-too-long', limits.maxNameLength)
    if (this.#attributes.length >= limits.maxAttributes) throw this.#limitFailure('too-many-attributes', limits.maxAttributes)
    if (isNamespaceDeclaration(attribute.name) && ++this.#declarations > limits.maxNamespaceDeclarations) {
      throw this.#limitFailure('too-many-namespaces', limits.maxNamespaceDeclarations)
    }
    this.#attributes.push(attribute)
  }

  #openTag(raw: string): void {
    const bindings = this.#bindings
    let lang = this.#langs[this.#depth]
    let attributes = NO_ATTRIBUTES
    let declared = 0
    try {
      const pending = this.#attributes
      if (pending.length > 0) {
        for (const attribute of pending) {
          if (!isNamespaceDeclaration(attribute.name)) continue
          this.#declared.push(bindings.declare(attribute.name, attribute.value))
          declared++
        }
        if (pending.length > declared) {
          const resolved: XmlAttribute[] = []
          for (const attribute of pending) {
            if (isNamespaceDeclaration(attribute.name)) continue
            const name = bindings.attributeName(attribute.name, raw)
            const value = copyString(attribute.value)
            if (name === this.#xmlLang) lang = value
            resolved.push({ name, value })
          }
          checkUniqueNames(resolved)
          attributes = resolved
        }
      }
      const name = bindings.elementName(raw)
      const depth = ++this.#depth
      this.#declaredCounts[depth] = declared
      this.#langs[depth] = lang
      this.#handler.open(name, attributes, lang, depth)
    } catch (error) {
      if (error instanceof NamespaceError) throw this.#malformed(error.message, this.#tagLine, this.#tagColumn)
      throw error
    }
  }

  // The 1-based column of an absolute offset, when it falls in the current chunk.
  #columnBefore(offset: number): number {
    const index = offset - this.#chunkStart
    if (index < 0 || index > this.#chunk.length) return 1
    const lineStart = this.#chunk.lastIndexOf('\n', index - 1)
    return index - (lineStart === -1 ? 0 : lineStart + 1) + 1
  }

  // At most 200 characters of the current chunk around where the parser is.
  #snippet(): string {
    const index = Math.max(0, Math.min(this.#parser.position - this.#chunkStart, this.#chunk.length))
    const start = Math.max(0, Math.min(index - 100, this.#chunk.length - 200))
    return this.#chunk.slice(start, start + 200)
  }

  #limitFailure(code: 'name-too-long' | 'too-many-attributes' | 'too-many-namespaces', limit: number): DecodeError {
    return new DecodeError({ code, limit, line: this.#tagLine, column: this.#tagColumn }, this.#snippet())
  }

  #malformed(reason: string, line: number, column: number, cause?: Error): DecodeError {
    const failure: DecodeFailure = { code: 'malformed-xml', line, column, reason }
    return new DecodeError(failure, this.#snippet(), cause === undefined ? undefined : { cause })
  }

  #refuseDoctype(): DecodeError {
    if (looksLikeHtml(this.#head))
      return new DecodeError({ code: 'not-xml', contentType: this.#contentType }, this.#head.trimStart().slice(0, 200))
    const at = this.#head.indexOf('<!DOCTYPE')
    return new DecodeError({ code: 'doctype-forbidden' }, this.#head.slice(Math.max(0, at), Math.max(0, at) + 200))
  }

  // The parser found the document not well-formed: say where, unless it is an HTML page or a DOCTYPE.
  #failed(error: Error): never {
    if (looksLikeHtml(this.#head))
      throw new DecodeError({ code: 'not-xml', contentType: this.#contentType }, this.#head.trimStart().slice(0, 200), { cause: error })
    if (!this.#sawRoot && this.#head.includes('<!DOCTYPE')) throw this.#refuseDoctype()
    const parser = this.#parser
    // A declaration where none may be (inside the root, or misspelt) is refused as one.
    const index = parser.position - this.#chunkStart
    const before = this.#chunk.slice(Math.max(0, index - 12), index + 1)
    if (/doctype/i.test(error.message) || DECLARATION.test(before)) {
      throw new DecodeError({ code: 'doctype-forbidden' }, this.#snippet(), { cause: error })
    }
    // saxes prefixes its messages with `line:column: `; the position is reported on its own.
    const reason = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')
    throw this.#malformed(clip(reason), parser.line, parser.column + 1, error)
  }
}

// Two attributes of one element may not have the same expanded name (`a:x` and `b:x` with `a` and
// `b` bound to one namespace). Names are interned, so identity is equality.
function checkUniqueNames(attributes: readonly XmlAttribute[]): void {
  if (attributes.length < 2) return
  if (attributes.length <= 8) {
    for (let i = 1; i < attributes.length; i++) {
      for (let j = 0; j < i; j++) {
        if (attributes[i]?.name === attributes[j]?.name) throw duplicate(attributes[i] as XmlAttribute)
      }
    }
    return
  }
  const seen = new Set<QName>()
  for (const attribute of attributes) {
    if (seen.has(attribute.name)) throw duplicate(attribute)
    seen.add(attribute.name)
  }
}

function duplicate(attribute: XmlAttribute): NamespaceError {
  return new NamespaceError(`duplicate attribute {${clip(attribute.name.namespace)}}${clip(attribute.name.local)}`)
}
