import { DecodeError } from '../errors/decode-error.ts'
import { decodeBodyText } from './body-text-decoder.ts'

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
