import type {
  DavError,
  MalformedResponse,
  MultiStatus,
  MultiStatusResponse,
  ParsedStatus,
  QName,
  Propstat,
  RawProperty,
  ResourceHref,
  ResponseProblemKind,
  XmlElement,
} from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import type { XmlBody } from '../xml/body-text.ts'
import { textOf } from '../xml/element-text.ts'
import { visitXmlDocument, type ParseXmlOptions, type PendingElement } from '../xml/parse-xml-document.ts'
import { ReusableList } from '../xml/reusable-list.ts'
import { DAV_NAMESPACE } from '../xml/xml-namespaces.ts'
import { decodeDavError } from './decode-dav-error.ts'
import { createHrefResolver, type HrefResolver } from './resolve-href.ts'
import { parseStatusLine } from './status-line.ts'

/** Options of {@link decodeMultiStatus}. */
export interface DecodeMultiStatusOptions extends ParseXmlOptions {
  /** The URL the request was sent to: relative hrefs are resolved against it. */
  readonly requestUrl?: string | URL
}

/**
 * Decodes a `207 Multi-Status` body (RFC 4918 section 13, 14.16, 14.24; RFC 6578 `sync-token`)
 * into discriminated unions, one entry per `DAV:response`, in document order.
 *
 * - Elements are identified by namespace and local name, never by prefix. Unknown elements are
 *   ignored.
 * - A response is either `kind: 'status'` (`href+, status`: one status shared by every href) or
 *   `kind: 'propstat'` (`href, propstat+`, any number of propstats in any order, `status` before or
 *   after `prop`). A response that fits neither is kept as `kind: 'malformed'` with the reason.
 * - Every property keeps its element and its verbatim text; a 2xx propstat gives `kind: 'value'`,
 *   3xx-5xx gives `kind: 'failed'`, and a missing, empty, garbled or 1xx status gives
 *   `kind: 'status-problem'`.
 * - `error`, `responsedescription` and `location` are decoded where RFC 4918 allows them.
 *
 * @throws {DecodeError} when the body is not a multistatus: `empty-body`, `not-xml`,
 *   `malformed-xml`, `doctype-forbidden`, `too-large`, `too-deep`, `dav-error` (a `DAV:error` root,
 *   conditions decoded) or `unexpected-root`.
 *
 * @example
 * ```ts
 * const multistatus = decodeMultiStatus(body, { requestUrl: 'https://example.com/dav/' })
 * for (const response of multistatus.responses) {
 *   if (response.kind !== 'propstat') continue
 *   for (const property of response.properties) {
 *     if (property.kind === 'value') console.log(response.href.path, property.name.local, property.text)
 *   }
 * }
 * ```
 */
export function decodeMultiStatus(body: XmlBody, options: DecodeMultiStatusOptions = {}): MultiStatus {
  return visitXmlDocument(body, options, (root, xml) => {
    if (isDav(root.name, 'multistatus')) return decodeRoot(root, createHrefResolver(options.requestUrl))
    // Anything else is refused, once the whole document is known to be well-formed.
    const element = root.element()
    const snippet = xml.trimStart().slice(0, 200)
    if (isDav(root.name, 'error')) throw new DecodeError({ code: 'dav-error', error: decodeDavError(element) }, snippet)
    throw new DecodeError({ code: 'unexpected-root', root: root.name }, snippet)
  })
}

function isDav(name: QName, local: string): boolean {
  return name.local === local && name.namespace === DAV_NAMESPACE
}

// Each decoder below visits every child: the ones it does not use are skipped, which checks them.
// A child is a cursor, valid until the next one: what is kept of it is read at once.

function decodeRoot(root: PendingElement, resolve: HrefResolver): MultiStatus {
  const responses: MultiStatusResponse[] = []
  let description: string | undefined
  let syncToken: string | undefined
  for (let child = root.firstChild(); child !== undefined; child = child.nextSibling()) {
    if (child.name.namespace !== DAV_NAMESPACE) {
      child.skip()
      continue
    }
    switch (child.name.local) {
      case 'response':
        responses.push(decodeResponse(child, resolve))
        break
      case 'responsedescription':
        description ??= child.text()
        break
      case 'sync-token':
        syncToken ??= child.text().trim()
        break
      default:
        child.skip()
    }
  }
  // The lists keep their last entries: let them go with the document.
  gatheredHrefs.release()
  gatheredPropstats.release()
  gatheredProperties.release()
  return { responses, description, syncToken }
}

// What a response gathers, in lists shared by all responses (a response holds no other one) and
// copied out at their exact length.
const gatheredHrefs = new ReusableList<ResourceHref>()
const gatheredPropstats = new ReusableList<Propstat>()
const gatheredProperties = new ReusableList<RawProperty>()

function decodeResponse(response: PendingElement, resolve: HrefResolver): MultiStatusResponse {
  const hrefs = gatheredHrefs
  const propstats = gatheredPropstats
  const properties = gatheredProperties
  hrefs.reset()
  propstats.reset()
  properties.reset()
  let statusText: string | undefined
  let hasStatus = false
  let error: DavError | undefined
  let description: string | undefined
  let location: ResourceHref | undefined
  for (let child = response.firstChild(); child !== undefined; child = child.nextSibling()) {
    if (child.name.namespace !== DAV_NAMESPACE) {
      child.skip()
      continue
    }
    switch (child.name.local) {
      case 'href':
        hrefs.add(resolve(child.text()))
        break
      case 'status':
        if (hasStatus) child.skip()
        else statusText = child.text()
        hasStatus = true
        break
      case 'propstat':
        propstats.add(decodePropstat(child, properties))
        break
      case 'error':
        error ??= decodeDavError(child.element())
        break
      case 'responsedescription':
        description ??= child.text()
        break
      case 'location':
        location ??= locationOf(child.element(), resolve)
        break
      default:
        child.skip()
    }
  }
  const problem = responseProblem(hrefs.count, hasStatus, propstats.count)
  if (problem !== undefined) {
    const malformed: MalformedResponse = { kind: 'malformed', problem, hrefs: hrefs.take(), element: response.element(), error, description, location }
    return malformed
  }
  if (hasStatus) {
    return { kind: 'status', hrefs: hrefs.take() as [ResourceHref, ...ResourceHref[]], status: parseStatusLine(statusText), error, description, location }
  }
  return { kind: 'propstat', href: hrefs.at(0), propstats: propstats.take(), properties: properties.take(), error, description, location }
}

function responseProblem(hrefs: number, hasStatus: boolean, propstats: number): ResponseProblemKind | undefined {
  if (hrefs === 0) return 'no-href'
  if (hasStatus && propstats > 0) return 'status-and-propstat'
  if (!hasStatus && propstats === 0) return 'no-status-or-propstat'
  if (propstats > 0 && hrefs > 1) return 'several-hrefs-with-propstat'
  return undefined
}

function locationOf(element: XmlElement, resolve: HrefResolver): ResourceHref | undefined {
  for (const child of element.children) {
    if (child.kind === 'element' && isDav(child.name, 'href')) return resolve(textOf(child))
  }
  return undefined
}

// Decodes one propstat and appends its properties, flattened, to `properties`.
function decodePropstat(propstat: PendingElement, properties: ReusableList<RawProperty>): Propstat {
  let elements: XmlElement[] = []
  let statusText: string | undefined
  let error: DavError | undefined
  let description: string | undefined
  for (let child = propstat.firstChild(); child !== undefined; child = child.nextSibling()) {
    if (child.name.namespace !== DAV_NAMESPACE) {
      child.skip()
      continue
    }
    switch (child.name.local) {
      case 'prop':
        // Whitespace (or any text) between property elements is not a property.
        if (elements.length === 0) elements = child.childElements()
        else elements.push(...child.childElements())
        break
      case 'status':
        if (statusText === undefined) statusText = child.text()
        else child.skip()
        break
      case 'error':
        error ??= decodeDavError(child.element())
        break
      case 'responsedescription':
        description ??= child.text()
        break
      default:
        child.skip()
    }
  }
  const status: ParsedStatus = parseStatusLine(statusText)
  for (const property of elements) properties.add(rawProperty(property, status, error, description))
  return { status, properties: elements, error, description }
}

function rawProperty(element: XmlElement, status: ParsedStatus, error: DavError | undefined, description: string | undefined): RawProperty {
  if (status.kind === 'status-problem') return { kind: 'status-problem', name: element.name, problem: status, element }
  if (status.class === 'success') return { kind: 'value', name: element.name, status, element, text: textOf(element) }
  return { kind: 'failed', name: element.name, status, error, description }
}
