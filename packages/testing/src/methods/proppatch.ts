import { blockingModify, lockedResponse } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { multistatus, plain } from '../responses.ts'
import { isProtected } from '../store/properties.ts'
import { readXmlBody } from '../xml/request-body.ts'
import { childElements, dav, DAV_NS, element, isDav, qnameKey, textContent, XML_NS, type XmlElement } from '../xml/xml-node.ts'
import { propstatResponse, type PropOutcome } from './propstat.ts'

interface Instruction {
  readonly op: 'set' | 'remove'
  readonly prop: XmlElement
}

function langOf(node: XmlElement): string | undefined {
  return node.attrs.find((attr) => attr.ns === XML_NS && attr.local === 'lang')?.value
}

/** Keeps the `xml:lang` in scope on a stored value (RFC 4918 section 4.3), copying it from an ancestor when needed. */
function withLang(prop: XmlElement, inherited: string | undefined): XmlElement {
  if (inherited === undefined || langOf(prop) !== undefined) return prop
  return { ...prop, attrs: [...prop.attrs, { ns: XML_NS, local: 'lang', value: inherited }] }
}

function readInstructions(root: XmlElement): Instruction[] | undefined {
  const instructions: Instruction[] = []
  const rootLang = langOf(root)
  for (const child of childElements(root)) {
    const op = isDav(child, 'set') ? 'set' : isDav(child, 'remove') ? 'remove' : undefined
    if (op === undefined) continue
    const opLang = langOf(child) ?? rootLang
    const props = childElements(child).filter((node) => isDav(node, 'prop'))
    if (props.length === 0) return undefined
    for (const prop of props) {
      const lang = langOf(prop) ?? opLang
      for (const property of childElements(prop)) instructions.push({ op, prop: withLang(property, lang) })
    }
  }
  return instructions
}

/**
 * PROPPATCH (RFC 4918 section 9.2): instructions applied in document order, all or none.
 * Protected live properties fail with 403 `cannot-modify-protected-property`, the others then get 424.
 * Dead properties in any namespace are stored as the XML sent.
 */
export function proppatch(ctx: RequestContext): Response {
  const { store } = ctx.state
  const resource = store.get(ctx.path)
  if (resource === undefined) return plain(404, 'Not Found\n')
  const body = readXmlBody(ctx)
  if (body.kind === 'invalid') return body.response
  if (body.kind === 'empty' || !isDav(body.root, 'propertyupdate'))
    return plain(400, 'The body of a PROPPATCH must be a DAV:propertyupdate element.\n')
  const instructions = readInstructions(body.root)
  if (instructions === undefined) return plain(400, 'DAV:set and DAV:remove need a DAV:prop element.\n')
  const lock = blockingModify(ctx, ctx.path)
  if (lock !== undefined) return lockedResponse(ctx, lock)

  const deadProps = new Map(resource.deadProps)
  let contentType = resource.kind === 'file' ? resource.contentType : undefined
  const failures = new Map<number, PropOutcome>()
  instructions.forEach((instruction, index) => {
    const { prop } = instruction
    const name = element(prop.ns, prop.local)
    if (isProtected(prop)) {
      failures.set(index, { status: 403, prop: name, error: dav('cannot-modify-protected-property') })
    } else if (prop.ns === DAV_NS && prop.local === 'getcontenttype') {
      if (resource.kind !== 'file') failures.set(index, { status: 409, prop: name })
      else contentType = instruction.op === 'set' ? textContent(prop).trim() || 'application/octet-stream' : 'application/octet-stream'
    } else if (instruction.op === 'set') deadProps.set(qnameKey(prop), prop)
    else deadProps.delete(qnameKey(prop))
  })
  const outcomes: PropOutcome[] = instructions.map(
    (instruction, index) =>
      failures.get(index) ?? { status: failures.size > 0 ? 424 : 200, prop: element(instruction.prop.ns, instruction.prop.local) },
  )
  if (failures.size === 0) {
    resource.deadProps.clear()
    for (const [key, value] of deadProps) resource.deadProps.set(key, value)
    if (resource.kind === 'file' && contentType !== undefined) resource.contentType = contentType
    store.touch(resource)
  }
  return multistatus(ctx, [propstatResponse(ctx, ctx.path, resource.kind === 'collection', outcomes)])
}
