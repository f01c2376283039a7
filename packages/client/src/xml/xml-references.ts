// The five entities XML predefines (XML 1.0 section 4.6). No other named entity is ever expanded.
const PREDEFINED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
})
const DECIMAL = /^[0-9]{1,7}$/
const HEXADECIMAL = /^[0-9a-fA-F]{1,6}$/
// `&#x10FFFF;` is the longest reference that can be valid.
const LONGEST_REFERENCE = 10

/**
 * Replaces the five predefined entity references (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`) and
 * numeric character references (`&#38;`, `&#x26;`) by their characters, in one left-to-right pass,
 * so that `&amp;#38;` becomes the text `&#38;` and never `&`.
 *
 * Anything else is left as it was: a named reference to an undeclared entity, a reference to a
 * character XML does not allow (`&#0;`), or a bare `&`. Nothing is ever looked up in a DTD, and
 * there is no expansion limit to hit, because nothing can expand to more than one character.
 */
export function decodeXmlReferences(text: string): string {
  let ampersand = text.indexOf('&')
  if (ampersand === -1) return text
  let decoded = ''
  let copied = 0
  while (ampersand !== -1) {
    const semicolon = text.indexOf(';', ampersand + 2)
    if (semicolon === -1) break
    if (semicolon - ampersand <= LONGEST_REFERENCE) {
      const character = referencedCharacter(text.slice(ampersand + 1, semicolon))
      if (character !== undefined) {
        decoded += text.slice(copied, ampersand) + character
        copied = semicolon + 1
        ampersand = text.indexOf('&', copied)
        continue
      }
    }
    ampersand = text.indexOf('&', ampersand + 1)
  }
  return copied === 0 ? text : decoded + text.slice(copied)
}

function referencedCharacter(reference: string): string | undefined {
  if (reference.charCodeAt(0) !== 35 /* # */) return PREDEFINED[reference]
  let codePoint: number
  if (reference.charCodeAt(1) === 120 /* x */) {
    const digits = reference.slice(2)
    if (!HEXADECIMAL.test(digits)) return undefined
    codePoint = Number.parseInt(digits, 16)
  } else {
    const digits = reference.slice(1)
    if (!DECIMAL.test(digits)) return undefined
    codePoint = Number(digits)
  }
  return isXmlCharacter(codePoint) ? String.fromCodePoint(codePoint) : undefined
}

// `Char` of XML 1.0 section 2.2.
function isXmlCharacter(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  )
}
