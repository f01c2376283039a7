import type { RequestContext } from '../context.ts'
import { plain } from '../responses.ts'
import { parseXml } from './parse-xml.ts'
import type { XmlElement } from './xml-node.ts'

/** A request body read as XML: absent, parsed, or refused with a ready 400 response. */
export type XmlBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'xml'; readonly root: XmlElement }
  | { readonly kind: 'invalid'; readonly response: Response }

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Reads the request body as an XML document; a body of only whitespace counts as empty. */
export function readXmlBody(ctx: RequestContext): XmlBody {
  if (ctx.body.byteLength === 0) return { kind: 'empty' }
  let source: string
  try {
    source = decoder.decode(ctx.body)
  } catch {
    return { kind: 'invalid', response: plain(400, 'The request body is not valid UTF-8.\n') }
  }
  if (source.trim() === '') return { kind: 'empty' }
  const parsed = parseXml(source)
  if (!parsed.ok) return { kind: 'invalid', response: plain(400, `The request body is not acceptable XML: ${parsed.reason}\n`) }
  return { kind: 'xml', root: parsed.root }
}
