import type { QName, XmlAttribute, XmlElement, XmlNode, XmlText } from '@davkit/types'
import { copyString } from './string-copy.ts'

const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([])
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([])

// An element being built: what it is, and its content so far (most elements hold one node, so an
// array is made only for a second one).
class Frame {
  name!: QName
  attributes!: readonly XmlAttribute[]
  lang: string | undefined
  first: XmlNode | undefined
  children: XmlNode[] | undefined
  text: string | undefined

  add(node: XmlNode): void {
    if (this.first === undefined) this.first = node
    else if (this.children === undefined) this.children = [this.first, node]
    else this.children.push(node)
  }

  flushText(): void {
    if (this.text !== undefined) {
      this.add(textNode(this.text))
      this.text = undefined
    }
  }
}

/**
 * Builds {@link XmlElement} trees from the events of an `XmlReader`: `open` and `text` add to the
 * element being built, `close` completes it and gives it back (it is also a child of its parent,
 * if any). Adjacent text and CDATA sections are joined into one text node.
 */
export class ElementBuilder {
  readonly #frames: Frame[] = []
  #depth = 0
  // Empty elements without attributes repeat in listings (`<D:displayname/>` in every 404
  // propstat): one frozen element per name.
  readonly #emptyElements = new Map<QName, XmlElement>()

  /** How many elements are open. */
  get depth(): number {
    return this.#depth
  }

  /** The name of the element being built (the innermost open one). */
  get current(): QName | undefined {
    return this.#frames[this.#depth - 1]?.name
  }

  open(name: QName, attributes: readonly XmlAttribute[], lang: string | undefined): void {
    if (this.#depth > 0) (this.#frames[this.#depth - 1] as Frame).flushText()
    let frame = this.#frames[this.#depth]
    if (frame === undefined) {
      frame = new Frame()
      this.#frames.push(frame)
    }
    frame.name = name
    frame.attributes = attributes.length === 0 ? NO_ATTRIBUTES : attributes
    frame.lang = lang
    frame.first = undefined
    frame.children = undefined
    frame.text = undefined
    this.#depth++
  }

  text(text: string): void {
    if (text === '') return
    const frame = this.#frames[this.#depth - 1] as Frame
    frame.text = frame.text === undefined ? text : frame.text + text
  }

  /** Adds an element built before as the next child of the element being built. */
  append(element: XmlElement): void {
    const frame = this.#frames[this.#depth - 1] as Frame
    frame.flushText()
    frame.add(element)
  }

  close(): XmlElement {
    const frame = this.#frames[--this.#depth] as Frame
    frame.flushText()
    let element: XmlElement
    if (frame.first === undefined) {
      element =
        frame.lang === undefined && frame.attributes === NO_ATTRIBUTES
          ? this.#emptyElement(frame.name)
          : elementOf(frame.name, frame.attributes, NO_CHILDREN, frame.lang)
    } else {
      element = elementOf(frame.name, frame.attributes, frame.children ?? [frame.first], frame.lang)
    }
    // Let the content go with the element.
    frame.first = undefined
    frame.children = undefined
    if (this.#depth > 0) (this.#frames[this.#depth - 1] as Frame).add(element)
    return element
  }

  #emptyElement(name: QName): XmlElement {
    let element = this.#emptyElements.get(name)
    if (element === undefined) {
      element = Object.freeze({ kind: 'element', name, attributes: NO_ATTRIBUTES, children: NO_CHILDREN }) as XmlElement
      this.#emptyElements.set(name, element)
    }
    return element
  }
}

function elementOf(name: QName, attributes: readonly XmlAttribute[], children: readonly XmlNode[], lang: string | undefined): XmlElement {
  if (lang === undefined) return { kind: 'element', name, attributes, children }
  return { kind: 'element', name, attributes, children, lang }
}

// Indentation repeats on every line of a pretty-printed body: one shared node per distinct run.
const whitespaceNodes = new Map<string, XmlText>()
const WHITESPACE_NODE_LIMIT = 256
const SHAREABLE_WHITESPACE = /^[ \t\n]{1,64}$/

function textNode(text: string): XmlText {
  const first = text.charCodeAt(0)
  // Copied: a text node outlives the piece of the document its text was cut from.
  if ((first !== 10 && first !== 32 && first !== 9) || text.length > 64 || !SHAREABLE_WHITESPACE.test(text))
    return { kind: 'text', text: copyString(text) }
  let node = whitespaceNodes.get(text)
  if (node === undefined) {
    node = Object.freeze({ kind: 'text', text: copyString(text) }) as XmlText
    if (whitespaceNodes.size >= WHITESPACE_NODE_LIMIT) whitespaceNodes.clear()
    whitespaceNodes.set(node.text, node)
  }
  return node
}
