import type { QName, XmlAttribute, XmlElement } from '@davkit/types'
import type { ElementBuilder } from './element-builder.ts'

const OPEN = 0
const TEXT = 1
const CHILD = 2
const CLOSE = 3
// Past this many entries, the list is let go rather than kept for the next element.
const KEPT_LENGTH = 1024

/**
 * How an element was read (starts, text, children already built, ends), kept in one list reused
 * from element to element, so that the element is built only if it is asked for: a multistatus
 * reader decodes a response's structure without building it, and still has the element of a
 * malformed response to show.
 */
export class ElementLog {
  readonly #builder: ElementBuilder
  #entries: unknown[] = []
  #length = 0

  /** `builder` builds the element when it is asked for; it must then have no element open. */
  constructor(builder: ElementBuilder) {
    this.#builder = builder
  }

  /** Forgets what was recorded: a new element starts. */
  reset(): void {
    if (this.#length > KEPT_LENGTH) this.#entries = []
    this.#length = 0
  }

  open(name: QName, attributes: readonly XmlAttribute[], lang: string | undefined): void {
    this.#add(OPEN)
    this.#add(name)
    this.#add(attributes)
    this.#add(lang)
  }

  text(text: string): void {
    this.#add(TEXT)
    this.#add(text)
  }

  /** A child element, built already. */
  child(element: XmlElement): void {
    this.#add(CHILD)
    this.#add(element)
  }

  close(): void {
    this.#add(CLOSE)
  }

  /** The element recorded since the last {@link reset}, built as the builder would have built it while reading. */
  element(): XmlElement {
    const builder = this.#builder
    const entries = this.#entries
    let element: XmlElement | undefined
    for (let index = 0; index < this.#length; ) {
      switch (entries[index++]) {
        case OPEN:
          builder.open(entries[index] as QName, entries[index + 1] as readonly XmlAttribute[], entries[index + 2] as string | undefined)
          index += 3
          break
        case TEXT:
          builder.text(entries[index++] as string)
          break
        case CHILD:
          builder.append(entries[index++] as XmlElement)
          break
        case CLOSE:
          element = builder.close()
          break
      }
    }
    if (element === undefined || builder.depth !== 0) throw new Error('ElementLog: no complete element recorded')
    return element
  }

  #add(entry: unknown): void {
    this.#entries[this.#length++] = entry
  }
}
