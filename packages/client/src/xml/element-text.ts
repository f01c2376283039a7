import type { XmlElement } from '@davkit/types'

/** The concatenated text of an element and all its descendants, exactly as decoded (never trimmed). */
export function textOf(element: XmlElement): string {
  let text = ''
  for (const child of element.children) {
    text += child.kind === 'text' ? child.text : textOf(child)
  }
  return text
}
