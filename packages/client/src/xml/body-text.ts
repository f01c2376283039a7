import { DecodeError } from '../errors/decode-error.ts'

/** A response body as the decoder accepts it: text, or bytes taken as UTF-8. */
export type XmlBody = string | Uint8Array | ArrayBuffer

// Decodes UTF-8 and drops a leading byte order mark; invalid sequences become U+FFFD.
const utf8 = new TextDecoder('utf-8')

/**
 * The text of a body, without a leading byte order mark, once its size in bytes is known to be
 * within `maxBytes`. Bytes are decoded as UTF-8 (the encoding of every WebDAV server seen in
 * the wild; an `encoding` in the XML declaration is not honoured).
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
  return utf8.decode(bytes)
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
