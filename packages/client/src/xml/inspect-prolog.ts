import { DecodeError } from '../errors/decode-error.ts'
import { snippetAround } from './text-position.ts'

// An HTML page: a doctype naming html, or an HTML element first (after comments).
const HTML_START = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)(?:[\s/>]|$)/i
// A markup declaration of a DTD (XML 1.0 section 2.8): refused wherever it appears.
const DECLARATION = /^<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i
const ANY_DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i
const WHITESPACE = /\s/

/**
 * Refuses what must never reach the XML parser, before it runs: an empty body (`empty-body`),
 * text that is not markup or is an HTML page (`not-xml`), and any DOCTYPE or DTD declaration
 * (`doctype-forbidden`: no external entities, no entity expansion). Comments, CDATA sections,
 * processing instructions and quoted attribute values are skipped, so `<!DOCTYPE` inside them is
 * not a declaration; after one that is never closed, any `<!DOCTYPE` is refused.
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

// The offset of the first DTD declaration in markup (outside comments, CDATA sections,
// processing instructions and quoted attribute values), or -1. Where a comment, CDATA section,
// processing instruction, tag or attribute value is never closed, what follows cannot be told
// apart from markup: any declaration there is refused too.
function findDeclaration(text: string, from: number): number {
  let markup = text.indexOf('<', from)
  while (markup !== -1) {
    let resume: number
    if (text.startsWith('<!--', markup)) {
      resume = closedAfter(text, '-->', markup + 4)
    } else if (text.startsWith('<![CDATA[', markup)) {
      resume = closedAfter(text, ']]>', markup + 9)
    } else if (text.startsWith('<?', markup)) {
      resume = closedAfter(text, '?>', markup + 2)
    } else if (text.startsWith('<!', markup)) {
      if (DECLARATION.test(text.slice(markup, markup + 10))) return markup
      resume = markup + 2
    } else {
      resume = endOfTag(text, markup + 1)
    }
    if (resume === -1) return anyDeclaration(text, markup)
    markup = text.indexOf('<', resume)
  }
  return -1
}

// The offset after `terminator`, searched from `from`, or -1.
function closedAfter(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from)
  return end === -1 ? -1 : end + terminator.length
}

// Where to go on after a tag whose name starts at `from`: after its `>`, skipping quoted
// attribute values, or at a `<` that comes first (the tag is malformed; the parser says so).
// -1 for an attribute value never closed.
function endOfTag(text: string, from: number): number {
  let index = from
  while (index < text.length) {
    const code = text.charCodeAt(index)
    if (code === 62 /* > */) return index + 1
    if (code === 60 /* < */) return index
    if (code === 34 /* " */ || code === 39 /* ' */) {
      const close = text.indexOf(text.charAt(index), index + 1)
      if (close === -1) return -1
      index = close + 1
    } else {
      index++
    }
  }
  return index
}

// The offset of the first DTD declaration anywhere from `from`, or -1.
function anyDeclaration(text: string, from: number): number {
  const found = ANY_DECLARATION.exec(text.slice(from))
  return found === null ? -1 : from + found.index
}
