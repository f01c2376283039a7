import { DecodeError } from '../errors/decode-error.ts'
import { snippetAround } from './text-position.ts'

// An HTML page: a doctype naming html, or an HTML element first (after comments).
const HTML_START = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)(?:[\s/>]|$)/i
// A markup declaration of a DTD (XML 1.0 section 2.8): refused wherever it appears.
const DECLARATION = /^<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i
const WHITESPACE = /\s/

/**
 * Refuses what must never reach the XML parser, before it runs: an empty body (`empty-body`),
 * text that is not markup or is an HTML page (`not-xml`), and any DOCTYPE or DTD declaration
 * (`doctype-forbidden`: no external entities, no entity expansion). Comments and CDATA sections
 * are skipped, so `<!DOCTYPE` inside them is text.
 *
 * @throws {DecodeError} for each of the failures above.
 */
export function inspectProlog(text: string, contentType: string | undefined): void {
  let start = 0
  while (start < text.length && WHITESPACE.test(text.charAt(start))) start++
  if (start === text.length) throw new DecodeError({ code: 'empty-body' }, text === '' ? undefined : text)
  if (text.charCodeAt(start) !== 60 /* < */ || HTML_START.test(text.slice(start, start + 4096))) {
    throw new DecodeError({ code: 'not-xml', contentType }, text.slice(start, start + 200))
  }
  const declaration = findDeclaration(text, start)
  if (declaration !== -1) throw new DecodeError({ code: 'doctype-forbidden' }, snippetAround(text, declaration))
}

/** Whether the start of `text` looks like an HTML page rather than XML. */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.trimStart().slice(0, 4096))
}

// The offset of the first DTD declaration outside comments and CDATA sections, or -1.
function findDeclaration(text: string, from: number): number {
  let markup = text.indexOf('<!', from)
  while (markup !== -1) {
    let resume: number
    if (text.startsWith('<!--', markup)) {
      resume = text.indexOf('-->', markup + 4)
    } else if (text.startsWith('<![CDATA[', markup)) {
      resume = text.indexOf(']]>', markup + 9)
    } else if (DECLARATION.test(text.slice(markup, markup + 10))) {
      return markup
    } else {
      resume = markup + 2
    }
    // An unterminated comment or CDATA section: the parser reports it as malformed.
    if (resume === -1) return -1
    markup = text.indexOf('<!', resume)
  }
  return -1
}
