import { DecodeError } from '../errors/decode-error.ts'

/** A response body as the decoder accepts it: text, or bytes taken as UTF-8. */
export type XmlBody = string | Uint8Array | ArrayBuffer

// Decodes UTF-8 and drops a leading byte order mark; invalid sequences become U+FFFD.
const utf8 = new TextDecoder('utf-8')
// `encoding="..."` in an XML declaration at the very start (after optional whitespace).
const DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/

/**
 * The text of a body, without a leading byte order mark, once its size in bytes is known to be
 * within `maxBytes`. Bytes are decoded by their byte order mark (UTF-8, UTF-16LE, UTF-16BE),
 * else by the `encoding` of the XML declaration when the platform knows it, else as UTF-8;
 * invalid sequences become U+FFFD.
 *
 * @throws {DecodeError} `too-large` when the body holds more than `maxBytes` bytes.
 */
export function bodyText(body: XmlBody, maxBytes: number): string {
  if (typeof body === 'string') {
    // A UTF-16 code unit is at least one and at most three UTF-8 bytes.
    if (body.length * 3 > maxBytes) {
      const size = utf8Length(body)
      if (size > maxBytes) throw new DecodeError({ code: 'too-large', limit: maxBytes, size })
    }
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
  }
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body)
  if (bytes.byteLength > maxBytes) throw new DecodeError({ code: 'too-large', limit: maxBytes, size: bytes.byteLength })
  return decoderFor(bytes).decode(bytes)
}

function decoderFor(bytes: Uint8Array): TextDecoder {
  const [first, second] = bytes
  if (first === 0xef) return utf8
  if (first === 0xff && second === 0xfe) return new TextDecoder('utf-16le')
  if (first === 0xfe && second === 0xff) return new TextDecoder('utf-16be')
  // The declaration is ASCII in every encoding a WebDAV server could use without a byte order mark.
  let head = ''
  for (let index = 0; index < Math.min(bytes.length, 256); index++) head += String.fromCharCode(bytes[index] ?? 0)
  const label = DECLARED_ENCODING.exec(head)?.[1]
  if (label === undefined || /^utf-?8$/i.test(label)) return utf8
  try {
    return new TextDecoder(label)
  } catch {
    // A label the platform does not know: UTF-8 is the best guess.
    return utf8
  }
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
