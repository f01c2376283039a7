import type { XmlElement, XmlNode } from '@davkit/types'

/** The concatenated text of an element and all its descendants, exactly as decoded (never trimmed). */
export function textOf(element: XmlElement): string {
  const children = element.children
  // Most elements hold one text, or nothing.
  if (children.length === 1) {
    const only = children[0] as XmlNode
    return only.kind === 'text' ? only.text : textOf(only)
  }
  let text = ''
  for (const child of element.children) {
    text += child.kind === 'text' ? child.text : textOf(child)
  }
  return text
}
