import type { XmlElement } from '@davkit/types'
import { isDavName } from './dav-name.ts'

/** The child elements of an element, in document order (text is skipped). */
export function childElements(element: XmlElement): XmlElement[] {
  const elements: XmlElement[] = []
  for (const child of element.children) {
    if (child.kind === 'element') elements.push(child)
  }
  return elements
}

/** The first child element named `DAV:<local>`, if any. */
export function davChild(element: XmlElement, local: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.kind === 'element' && isDavName(child.name, local)) return child
  }
  return undefined
}

/** The text directly inside an element (not inside its children) that is not whitespace, trimmed. */
export function ownText(element: XmlElement): string {
  let text = ''
  for (const child of element.children) {
    if (child.kind === 'text') text += child.text
  }
  return text.trim()
}
