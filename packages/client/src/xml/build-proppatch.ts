import type { QName, XmlElement, XmlNode } from '@davkit/types'
import { buildXmlDocument, dav, element } from './build-document.ts'

/** One PROPPATCH instruction, with the value already encoded as XML children. */
export type ProppatchBodyInstruction =
  | { readonly op: 'set'; readonly name: QName; readonly value: readonly XmlNode[]; readonly lang?: string | undefined }
  | { readonly op: 'remove'; readonly name: QName }

/**
 * The `DAV:propertyupdate` body. Instructions keep their order: consecutive instructions of the
 * same kind share one `set` or `remove` element, so the server applies them in document order
 * (RFC 4918 section 14.19).
 */
export function buildProppatchBody(instructions: readonly ProppatchBodyInstruction[]): string {
  const groups: XmlElement[] = []
  let current: { op: 'set' | 'remove'; props: XmlElement[] } | undefined
  const flush = (): void => {
    if (current !== undefined) groups.push(element(dav(current.op), [element(dav('prop'), current.props)]))
  }
  for (const instruction of instructions) {
    if (current?.op !== instruction.op) {
      flush()
      current = { op: instruction.op, props: [] }
    }
    const prop: XmlElement =
      instruction.op === 'set'
        ? {
            ...element(instruction.name, instruction.value),
            ...(instruction.lang === undefined ? {} : { lang: instruction.lang }),
          }
        : element(instruction.name)
    current.props.push(prop)
  }
  flush()
  return buildXmlDocument(element(dav('propertyupdate'), groups))
}
