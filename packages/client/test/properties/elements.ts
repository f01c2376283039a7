import type { HttpStatus, PropertyValue, QName, XmlElement, XmlNode } from '@davkit/types'
import { textOf } from '../../src/xml/element-text.ts'

type Child = XmlElement | string

function toNodes(children: readonly Child[]): XmlNode[] {
  return children.map((child) => (typeof child === 'string' ? { kind: 'text', text: child } : child))
}

/** An element `{namespace}local` with the given children (strings become text nodes). */
export function element(namespace: string, local: string, ...children: Child[]): XmlElement {
  return { kind: 'element', name: { namespace, local }, attributes: [], children: toNodes(children) }
}

/** An element `DAV:local`. */
export function dav(local: string, ...children: Child[]): XmlElement {
  return element('DAV:', local, ...children)
}

export const ok200: HttpStatus = { kind: 'status', code: 200, class: 'success', reason: 'OK', line: 'HTTP/1.1 200 OK' }

/** A 2xx raw property as the multistatus decoder reports it. */
export function valueOf(property: XmlElement, status: HttpStatus = ok200): PropertyValue {
  return { kind: 'value', name: property.name, status, element: property, text: textOf(property) }
}

export function name(namespace: string, local: string): QName {
  return { namespace, local }
}
