import type {
  DavError,
  MultiStatusResponse,
  ParsedStatus,
  Propstat,
  QName,
  RawProperty,
  ResourceHref,
  ResponseProblemKind,
  XmlElement,
} from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { DAV_NAMESPACE } from '../xml/xml-namespaces.ts'
import { decodeDavError } from './decode-dav-error.ts'
import type { HrefBase } from './resolve-href.ts'
import { parseStatusLine } from './status-line.ts'

/** Whether `name` is `DAV:local`. */
export function isDav(name: QName, local: string): boolean {
  return name.local === local && name.namespace === DAV_NAMESPACE
}

/** Builds the element of a response from what was read of it, for a response that is malformed. */
export interface ResponseElementSource {
  element(): XmlElement
}

/**
 * Decodes one `DAV:response` (RFC 4918 section 14.24) from its parts as they are read, so that the
 * response, its propstats and their `prop`s are never built as elements: `start`, then each
 * child in document order (`child` for a child of the response, `startPropstat` ... `endPropstat`
 * around a propstat's children and properties), then `end`.
 *
 * `href+, status` gives `kind: 'status'`, `href, propstat+` gives `kind: 'propstat'`, anything else
 * `kind: 'malformed'` with the reason and the response's element. Unknown children are ignored; the
 * first of a repeated `status`, `error`, `responsedescription` or `location` counts.
 */
export class ResponseDecoder {
  readonly #base: HrefBase
  #hrefs: ResourceHref[] = []
  #propstats: Propstat[] = []
  #properties: RawProperty[] = []
  #statusText: string | undefined
  #hasStatus = false
  #error: DavError | undefined
  #description: string | undefined
  #location: ResourceHref | undefined
  // The propstat being read.
  #elements: XmlElement[] = []
  #propstatStatus: string | undefined
  #propstatError: DavError | undefined
  #propstatDescription: string | undefined

  constructor(base: HrefBase) {
    this.#base = base
  }

  /** A response starts. */
  start(): void {
    // New lists: the previous response's were handed on with it.
    this.#hrefs = []
    this.#propstats = []
    this.#properties = []
    this.#statusText = undefined
    this.#hasStatus = false
    this.#error = undefined
    this.#description = undefined
    this.#location = undefined
  }

  /** A child of the response other than a `DAV:propstat`, read whole. */
  child(child: XmlElement): void {
    if (child.name.namespace !== DAV_NAMESPACE) return
    switch (child.name.local) {
      case 'href':
        this.#hrefs.push(this.#base.resolve(textOf(child)))
        break
      case 'status':
        if (!this.#hasStatus) this.#statusText = textOf(child)
        this.#hasStatus = true
        break
      case 'error':
        this.#error ??= decodeDavError(child)
        break
      case 'responsedescription':
        this.#description ??= textOf(child)
        break
      case 'location':
        this.#location ??= this.#locationOf(child)
        break
    }
  }

  /** A `DAV:propstat` of the response starts. */
  startPropstat(): void {
    this.#elements = []
    this.#propstatStatus = undefined
    this.#propstatError = undefined
    this.#propstatDescription = undefined
  }

  /** A child of the propstat other than a `DAV:prop`, read whole. */
  propstatChild(child: XmlElement): void {
    if (child.name.namespace !== DAV_NAMESPACE) return
    switch (child.name.local) {
      case 'status':
        this.#propstatStatus ??= textOf(child)
        break
      case 'error':
        this.#propstatError ??= decodeDavError(child)
        break
      case 'responsedescription':
        this.#propstatDescription ??= textOf(child)
        break
    }
  }

  /** A property: a child element of a `DAV:prop` of the propstat, read whole. */
  property(property: XmlElement): void {
    this.#elements.push(property)
  }

  /** The propstat ends: its properties, flattened, join the response's under the propstat's status. */
  endPropstat(): void {
    const status: ParsedStatus = parseStatusLine(this.#propstatStatus)
    const elements = this.#elements
    const error = this.#propstatError
    const description = this.#propstatDescription
    for (const property of elements) this.#properties.push(rawProperty(property, status, error, description))
    this.#propstats.push({ status, properties: elements, error, description })
  }

  /** The response ends: its decoded form; `source` builds its element only when it is malformed. */
  end(source: ResponseElementSource): MultiStatusResponse {
    const hrefs = this.#hrefs
    const error = this.#error
    const description = this.#description
    const location = this.#location
    const problem = responseProblem(hrefs.length, this.#hasStatus, this.#propstats.length)
    if (problem !== undefined) return { kind: 'malformed', problem, hrefs, element: source.element(), error, description, location }
    if (this.#hasStatus) {
      return {
        kind: 'status',
        hrefs: hrefs as [ResourceHref, ...ResourceHref[]],
        status: parseStatusLine(this.#statusText),
        error,
        description,
        location,
      }
    }
    return {
      kind: 'propstat',
      href: hrefs[0] as ResourceHref,
      propstats: this.#propstats,
      properties: this.#properties,
      error,
      description,
      location,
    }
  }

  #locationOf(element: XmlElement): ResourceHref | undefined {
    for (const child of element.children) {
      if (child.kind === 'element' && isDav(child.name, 'href')) return this.#base.resolve(textOf(child))
    }
    return undefined
  }
}

function responseProblem(hrefs: number, hasStatus: boolean, propstats: number): ResponseProblemKind | undefined {
  if (hrefs === 0) return 'no-href'
  if (hasStatus && propstats > 0) return 'status-and-propstat'
  if (!hasStatus && propstats === 0) return 'no-status-or-propstat'
  if (propstats > 0 && hrefs > 1) return 'several-hrefs-with-propstat'
  return undefined
}

function rawProperty(element: XmlElement, status: ParsedStatus, error: DavError | undefined, description: string | undefined): RawProperty {
  if (status.kind === 'status-problem') return { kind: 'status-problem', name: element.name, problem: status, element }
  if (status.class === 'success') return { kind: 'value', name: element.name, status, element, text: textOf(element) }
  return { kind: 'failed', name: element.name, status, error, description }
}
