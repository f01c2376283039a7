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

/**
 * Decodes one `DAV:response` element (RFC 4918 section 14.24): `href+, status` gives
 * `kind: 'status'`, `href, propstat+` gives `kind: 'propstat'`, anything else `kind: 'malformed'`
 * with the reason and the element. Unknown children are ignored; the first of a repeated
 * `status`, `error`, `responsedescription` or `location` counts.
 */
export function decodeResponse(response: XmlElement, base: HrefBase): MultiStatusResponse {
  const hrefs: ResourceHref[] = []
  const propstats: Propstat[] = []
  const properties: RawProperty[] = []
  let statusText: string | undefined
  let hasStatus = false
  let error: DavError | undefined
  let description: string | undefined
  let location: ResourceHref | undefined
  for (const child of response.children) {
    if (child.kind !== 'element' || child.name.namespace !== DAV_NAMESPACE) continue
    switch (child.name.local) {
      case 'href':
        hrefs.push(base.resolve(textOf(child)))
        break
      case 'status':
        if (!hasStatus) statusText = textOf(child)
        hasStatus = true
        break
      case 'propstat':
        propstats.push(decodePropstat(child, properties))
        break
      case 'error':
        error ??= decodeDavError(child)
        break
      case 'responsedescription':
        description ??= textOf(child)
        break
      case 'location':
        location ??= locationOf(child, base)
        break
    }
  }
  const problem = responseProblem(hrefs.length, hasStatus, propstats.length)
  if (problem !== undefined) return { kind: 'malformed', problem, hrefs, element: response, error, description, location }
  if (hasStatus) {
    return {
      kind: 'status',
      hrefs: hrefs as [ResourceHref, ...ResourceHref[]],
      status: parseStatusLine(statusText),
      error,
      description,
      location,
    }
  }
  return { kind: 'propstat', href: hrefs[0] as ResourceHref, propstats, properties, error, description, location }
}

function responseProblem(hrefs: number, hasStatus: boolean, propstats: number): ResponseProblemKind | undefined {
  if (hrefs === 0) return 'no-href'
  if (hasStatus && propstats > 0) return 'status-and-propstat'
  if (!hasStatus && propstats === 0) return 'no-status-or-propstat'
  if (propstats > 0 && hrefs > 1) return 'several-hrefs-with-propstat'
  return undefined
}

function locationOf(element: XmlElement, base: HrefBase): ResourceHref | undefined {
  for (const child of element.children) {
    if (child.kind === 'element' && isDav(child.name, 'href')) return base.resolve(textOf(child))
  }
  return undefined
}

// Decodes one propstat and appends its properties, flattened, to `properties`.
function decodePropstat(propstat: XmlElement, properties: RawProperty[]): Propstat {
  const elements: XmlElement[] = []
  let statusText: string | undefined
  let error: DavError | undefined
  let description: string | undefined
  for (const child of propstat.children) {
    if (child.kind !== 'element' || child.name.namespace !== DAV_NAMESPACE) continue
    switch (child.name.local) {
      case 'prop':
        // Whitespace (or any text) between property elements is not a property.
        for (const property of child.children) if (property.kind === 'element') elements.push(property)
        break
      case 'status':
        statusText ??= textOf(child)
        break
      case 'error':
        error ??= decodeDavError(child)
        break
      case 'responsedescription':
        description ??= textOf(child)
        break
    }
  }
  const status: ParsedStatus = parseStatusLine(statusText)
  for (const property of elements) properties.push(rawProperty(property, status, error, description))
  return { status, properties: elements, error, description }
}

function rawProperty(element: XmlElement, status: ParsedStatus, error: DavError | undefined, description: string | undefined): RawProperty {
  if (status.kind === 'status-problem') return { kind: 'status-problem', name: element.name, problem: status, element }
  if (status.class === 'success') return { kind: 'value', name: element.name, status, element, text: textOf(element) }
  return { kind: 'failed', name: element.name, status, error, description }
}
