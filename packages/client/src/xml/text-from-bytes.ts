import { DecodeError } from '../errors/decode-error.ts'

// Enough of the start of a body to read a byte order mark and an XML declaration's encoding.
const SNIFF_BYTES = 256
// `encoding="..."` in an XML declaration at the very start (after optional whitespace).
const DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i

/** The `charset` parameter of a `Content-Type`, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  if (contentType === null || contentType === undefined) return undefined
  return CHARSET.exec(contentType)?.[1]
}

/**
 * Turns the bytes of a response body into text as they arrive, with one rule for every method
 * (RFC 7303 section 3.2): a byte order mark (UTF-8, UTF-16LE, UTF-16BE) first, then the
 * `charset` of the `Content-Type`, then the `encoding` of the XML declaration, else UTF-8. A label
 * the platform does not know counts as absent; invalid sequences become U+FFFD; a character
 * split between chunks is decoded whole. The byte order mark is not part of the text.
 *
 * @throws {DecodeError} `too-large` as soon as more than `maxBytes` bytes have arrived.
 */
export class BodyTextDecoder {
  readonly #charset: string | undefined
  readonly #maxBytes: number
  #decoder: TextDecoder | undefined
  #pending: Uint8Array | undefined
  #size = 0

  constructor(contentType: string | null | undefined, maxBytes: number) {
    this.#charset = charsetOf(contentType)
    this.#maxBytes = maxBytes
  }

  /** How many more bytes may arrive before the limit is exceeded. */
  get room(): number {
    return this.#maxBytes - this.#size
  }

  /** The text of the next chunk of bytes (empty while the start of the body is still being read). */
  decode(chunk: Uint8Array): string {
    this.#size += chunk.byteLength
    if (this.#size > this.#maxBytes) throw new DecodeError({ code: 'too-large', limit: this.#maxBytes, size: this.#size })
    if (this.#decoder !== undefined) return this.#decoder.decode(chunk, { stream: true })
    const pending = this.#pending === undefined ? chunk : concat(this.#pending, chunk)
    if (pending.byteLength < SNIFF_BYTES) {
      // Keep a copy: the caller may reuse its buffer.
      this.#pending = pending === chunk ? chunk.slice() : pending
      return ''
    }
    this.#pending = undefined
    this.#decoder = decoderFor(pending, this.#charset)
    return this.#decoder.decode(pending, { stream: true })
  }

  /** The text still held back: the whole of a short body, or an incomplete last character (as U+FFFD). */
  end(): string {
    if (this.#decoder === undefined) {
      const pending = this.#pending ?? new Uint8Array(0)
      this.#pending = undefined
      this.#decoder = decoderFor(pending, this.#charset)
      return this.#decoder.decode(pending)
    }
    return this.#decoder.decode()
  }
}

/** Decodes a whole body by the same rule as {@link BodyTextDecoder}. */
export function decodeBodyText(body: Uint8Array, contentType: string | null | undefined, maxBytes: number): string {
  const decoder = new BodyTextDecoder(contentType, maxBytes)
  return decoder.decode(body) + decoder.end()
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.byteLength + b.byteLength)
  joined.set(a)
  joined.set(b, a.byteLength)
  return joined
}

function decoderFor(start: Uint8Array, charset: string | undefined): TextDecoder {
  const [first, second, third] = start
  if (first === 0xef && second === 0xbb && third === 0xbf) return new TextDecoder('utf-8')
  if (first === 0xff && second === 0xfe) return new TextDecoder('utf-16le')
  if (first === 0xfe && second === 0xff) return new TextDecoder('utf-16be')
  const fromCharset = charset === undefined ? undefined : textDecoder(charset)
  if (fromCharset !== undefined) return fromCharset
  // The declaration is ASCII in every encoding a WebDAV server could use without a byte order mark.
  let head = ''
  for (let index = 0; index < Math.min(start.length, SNIFF_BYTES); index++) head += String.fromCharCode(start[index] ?? 0)
  const label = DECLARED_ENCODING.exec(head)?.[1]
  return (label === undefined ? undefined : textDecoder(label)) ?? new TextDecoder('utf-8')
}

function textDecoder(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label)
  } catch {
    return undefined
  }
}

/** A response body as the decoders accept it: text, or bytes. */
export type XmlBody = string | Uint8Array | ArrayBuffer

/**
 * The text of a whole body once its size in bytes is known to be within `maxBytes`: text without
 * a byte order mark, bytes decoded by the rule of `BodyTextDecoder` (byte order mark, `charset`, declared
 * encoding, UTF-8).
 *
 * @throws {DecodeError} `too-large` when the body holds more than `maxBytes` bytes.
 */
export function bodyText(body: XmlBody, maxBytes: number, contentType?: string): string {
  if (typeof body === 'string') {
    // A UTF-16 code unit is at least one and at most three UTF-8 bytes.
    if (body.length * 3 > maxBytes) {
      const size = utf8Length(body)
      if (size > maxBytes) throw new DecodeError({ code: 'too-large', limit: maxBytes, size })
    }
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
  }
  return decodeBodyText(body instanceof Uint8Array ? body : new Uint8Array(body), contentType, maxBytes)
}

/** The number of bytes of `text` encoded as UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let length = 0
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    if (unit < 0x80) length += 1
    else if (unit < 0x800) length += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      length += 4
      index++
    } else length += 3
  }
  return length
}
