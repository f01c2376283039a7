import type { DavError, MultiStatusResponse, QName, XmlAttribute, XmlElement } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import { BodyTextDecoder } from '../xml/text-from-bytes.ts'
import { ElementBuilder } from '../xml/element-builder.ts'
import { ElementLog } from '../xml/element-log.ts'
import { textOf } from '../xml/element-text.ts'
import { resolveXmlLimits, type XmlLimits } from '../xml/xml-limits.ts'
import { XmlReader, type XmlContentHandler } from '../xml/xml-reader.ts'
import { decodeDavError } from './decode-dav-error.ts'
import { HrefBase } from './resolve-href.ts'
import { isDav, ResponseDecoder } from './response-decoder.ts'

/** Options of a {@link MultiStatusReader} and of `decodeMultiStatus`. */
export interface MultiStatusReaderOptions extends XmlLimits {
  /** The URL the request was sent to: relative hrefs are resolved against it. */
  readonly requestUrl?: string | URL
  /** The `Content-Type` of the response: its `charset` decodes bytes, and `not-xml` failures report it. */
  readonly contentType?: string | undefined
}

/** What a multistatus holds besides its responses. */
export interface MultiStatusTail {
  /** The `DAV:responsedescription` of the multistatus, if any. */
  readonly description: string | undefined
  /** The RFC 6578 `DAV:sync-token` of the multistatus, if any. */
  readonly syncToken: string | undefined
}

const STRUCTURE: ReadonlySet<string> = new Set(['response', 'propstat', 'prop'])

function isWhitespace(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code !== 32 && code !== 10 && code !== 9 && code !== 13) return false
  }
  return true
}

type RootKind = 'multistatus' | 'error' | 'other'

// Where the reader is in the structure of the response being read.
const OUTSIDE = 0
const IN_RESPONSE = 1
const IN_PROPSTAT = 2
const IN_PROP = 3

/**
 * Decodes a `207 Multi-Status` body as it arrives: bytes (or text) in, each `DAV:response` handed
 * to `onResponse` as soon as its end tag is read, decoded as `decodeMultiStatus` decodes it. Only
 * the response being read is held, so memory does not grow with the listing.
 *
 * `write` and `end` throw a {@link DecodeError} at the first problem: malformed XML (line and
 * column), a limit exceeded, a DOCTYPE, a root that is a `DAV:error` (failure `dav-error`, its
 * conditions decoded) or anything but a multistatus (`unexpected-root`). Responses handed on
 * before the problem stay valid.
 */
export class MultiStatusReader implements XmlContentHandler {
  readonly #onResponse: (response: MultiStatusResponse) => void
  readonly #reader: XmlReader
  readonly #bytes: BodyTextDecoder
  readonly #builder = new ElementBuilder()
  // A response, its propstats and their props are decoded as they are read, never built: only
  // their other children are. Their events are recorded, to build the element of a malformed one.
  readonly #response: ResponseDecoder
  readonly #structure = new ElementLog(this.#builder)
  #level = OUTSIDE
  #root: RootKind | undefined
  #rootName: QName | undefined
  #description: string | undefined
  #syncToken: string | undefined
  #davError: DavError | undefined

  constructor(options: MultiStatusReaderOptions, onResponse: (response: MultiStatusResponse) => void) {
    const limits = resolveXmlLimits(options)
    this.#onResponse = onResponse
    this.#response = new ResponseDecoder(new HrefBase(options.requestUrl))
    this.#reader = new XmlReader(this, limits, options.contentType)
    this.#bytes = new BodyTextDecoder(options.contentType, limits.maxBytes)
  }

  /** Reads the next bytes of the body; past the byte limit, what fits is read before the refusal. */
  write(chunk: Uint8Array): void {
    const room = this.#bytes.room
    if (chunk.byteLength > room && room > 0) this.#reader.write(this.#bytes.decode(chunk.subarray(0, room)))
    this.#reader.write(this.#bytes.decode(room > 0 && chunk.byteLength > room ? chunk.subarray(room) : chunk))
  }

  /** Reads the next piece of the body's text (for a body that is already text). */
  writeText(text: string): void {
    this.#reader.write(text)
  }

  /** Reads the end of the body and gives what the multistatus holds besides its responses. */
  end(): MultiStatusTail {
    this.#reader.write(this.#bytes.end())
    this.#reader.end()
    if (this.#davError !== undefined) {
      throw new DecodeError({ code: 'dav-error', error: this.#davError }, this.#reader.head.trimStart().slice(0, 200))
    }
    if (this.#root !== 'multistatus') {
      const snippet = this.#reader.head.trimStart().slice(0, 200)
      const root = this.#rootName ?? { namespace: '', local: '' }
      throw new DecodeError({ code: 'unexpected-root', root }, snippet)
    }
    return { description: this.#description, syncToken: this.#syncToken }
  }

  open(name: QName, attributes: readonly XmlAttribute[], lang: string | undefined, depth: number): void {
    if (depth === 1) {
      this.#rootName = name
      this.#root = isDav(name, 'multistatus') ? 'multistatus' : isDav(name, 'error') ? 'error' : 'other'
      if (this.#root !== 'error') return
    }
    // Below a multistatus, responses are decoded as they are read and the other children of the
    // root built, then decoded when they end; a `DAV:error` root is built whole; anything else is
    // only checked for well-formedness.
    if (this.#root === 'other') return
    if (this.#root === 'multistatus' && this.#builder.depth === 0 && this.#opensStructure(name, depth)) {
      this.#structure.open(name, attributes, lang)
      return
    }
    this.#builder.open(name, attributes, lang)
  }

  // Whether an element that is not inside one being built is the next level of a response's structure.
  #opensStructure(name: QName, depth: number): boolean {
    switch (this.#level) {
      case OUTSIDE:
        if (depth !== 2 || !isDav(name, 'response')) return false
        this.#structure.reset()
        this.#response.start()
        break
      case IN_RESPONSE:
        if (!isDav(name, 'propstat')) return false
        this.#response.startPropstat()
        break
      case IN_PROPSTAT:
        if (!isDav(name, 'prop')) return false
        break
      default:
        return false
    }
    this.#level++
    return true
  }

  text(text: string): void {
    const builder = this.#builder
    if (builder.depth === 0) {
      // Directly in a response, propstat or prop: whitespace is layout, anything else is kept for
      // the element of a malformed response.
      if (this.#level !== OUTSIDE && !isWhitespace(text)) this.#structure.text(text)
      return
    }
    // Whitespace between the children of a response, propstat or prop is layout, never content.
    const current = builder.current as QName
    if (current.namespace === 'DAV:' && STRUCTURE.has(current.local) && isWhitespace(text)) return
    builder.text(text)
  }

  close(depth: number): void {
    if (this.#root === 'other' || (depth === 1 && this.#root === 'multistatus')) return
    const builder = this.#builder
    if (this.#root === 'error') {
      const element = builder.close()
      // Refused at the end, once the whole document is known to be well-formed.
      if (depth === 1) this.#davError = decodeDavError(element)
      return
    }
    if (builder.depth === 0) {
      this.#closeStructure()
      return
    }
    const element = builder.close()
    if (builder.depth > 0) return
    switch (this.#level) {
      case OUTSIDE:
        this.#rootChild(element)
        return
      case IN_RESPONSE:
        this.#response.child(element)
        break
      case IN_PROPSTAT:
        this.#response.propstatChild(element)
        break
      case IN_PROP:
        this.#response.property(element)
        break
    }
    this.#structure.child(element)
  }

  #closeStructure(): void {
    this.#structure.close()
    switch (this.#level--) {
      case IN_PROPSTAT:
        this.#response.endPropstat()
        break
      case IN_RESPONSE:
        this.#onResponse(this.#response.end(this.#structure))
        break
    }
  }

  // A child of the multistatus other than a response.
  #rootChild(element: XmlElement): void {
    if (element.name.namespace !== 'DAV:') return
    switch (element.name.local) {
      case 'responsedescription':
        this.#description ??= textOf(element)
        break
      case 'sync-token':
        this.#syncToken ??= textOf(element).trim()
        break
    }
  }
}
