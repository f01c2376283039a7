import { describe, expect, it } from 'vitest'
import { DecodeError } from '../errors/decode-error.ts'
import { bodyText, utf8Length } from './text-from-bytes.ts'

const LIMIT = 1024

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, 0xfeff, littleEndian)
  for (let index = 0; index < text.length; index++) view.setUint16(2 + index * 2, text.charCodeAt(index), littleEndian)
  return bytes
}

describe('bodyText', () => {
  it('drops a byte order mark from text and from UTF-8 bytes', () => {
    expect(bodyText('\uFEFF<a/>', LIMIT)).toBe('<a/>')
    expect(bodyText(new TextEncoder().encode('\uFEFF<a>é</a>'), LIMIT)).toBe('<a>é</a>')
  })

  it('decodes UTF-16 bodies by their byte order mark', () => {
    expect(bodyText(utf16('<a>é€</a>', true), LIMIT)).toBe('<a>é€</a>')
    expect(bodyText(utf16('<a>é€</a>', false), LIMIT)).toBe('<a>é€</a>')
  })

  it('honours the encoding of the XML declaration', () => {
    const latin1 = Uint8Array.from(
      [...'<?xml version="1.0" encoding="ISO-8859-1"?><a>caf']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xe9],
          [...'</a>'].map((c) => c.charCodeAt(0)),
        ),
    )
    expect(bodyText(latin1, LIMIT)).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>café</a>')
  })

  it('falls back to UTF-8 for an unknown or absent encoding', () => {
    expect(bodyText(new TextEncoder().encode("<?xml version='1.0' encoding='x-unknown'?><a>é</a>"), LIMIT)).toContain('<a>é</a>')
    expect(bodyText(new TextEncoder().encode('<a>é</a>'), LIMIT)).toBe('<a>é</a>')
  })

  it('replaces invalid UTF-8 sequences instead of failing', () => {
    expect(bodyText(Uint8Array.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), LIMIT)).toBe('<a>\uFFFD</a>')
  })

  it('measures the size in UTF-8 bytes', () => {
    expect(utf8Length('aé€😀\uD800')).toBe(1 + 2 + 3 + 4 + 3)
    expect(() => bodyText('é'.repeat(600), LIMIT)).toThrow(DecodeError)
    expect(bodyText('é'.repeat(512), LIMIT)).toHaveLength(512)
  })
})
