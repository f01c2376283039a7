import type { RequestContext } from '../context.ts'
import { allProperties, getProperty, propertyNames } from '../store/properties.ts'
import type { StorePath } from '../store/paths.ts'
import type { Resource } from '../store/resource.ts'
import { childElements, element, isDav, qnameKey, type QName, type XmlElement } from '../xml/xml-node.ts'
import { propstatResponse, type PropOutcome } from './propstat.ts'

/** What a PROPFIND (or REPORT) asks for. */
export type PropRequest =
  | { readonly kind: 'allprop'; readonly include: readonly QName[] }
  | { readonly kind: 'propname' }
  | { readonly kind: 'prop'; readonly names: readonly QName[] }

function names(prop: XmlElement): QName[] {
  return childElements(prop).map((child) => ({ ns: child.ns, local: child.local }))
}

/** Reads `prop`, `allprop` (+ `include`) or `propname` among an element's children; undefined when none is there. */
export function readPropRequest(container: XmlElement): PropRequest | undefined {
  const children = childElements(container)
  const prop = children.find((child) => isDav(child, 'prop'))
  if (prop !== undefined) return { kind: 'prop', names: names(prop) }
  if (children.some((child) => isDav(child, 'propname'))) return { kind: 'propname' }
  if (children.some((child) => isDav(child, 'allprop'))) {
    const include = children.find((child) => isDav(child, 'include'))
    return { kind: 'allprop', include: include === undefined ? [] : names(include) }
  }
  return undefined
}

/** The `DAV:response` describing a resource for a property request. */
export function describeResource(ctx: RequestContext, path: StorePath, resource: Resource, request: PropRequest): XmlElement {
  const outcomes: PropOutcome[] = []
  const isCollection = resource.kind === 'collection'
  if (request.kind === 'propname') {
    for (const name of propertyNames(ctx, path, resource)) outcomes.push({ status: 200, prop: element(name.ns, name.local) })
  } else if (request.kind === 'allprop') {
    const seen = new Set<string>()
    for (const prop of allProperties(ctx, path, resource)) {
      seen.add(qnameKey(prop))
      outcomes.push({ status: 200, prop })
    }
    for (const name of request.include) {
      if (seen.has(qnameKey(name))) continue
      const value = getProperty(ctx, path, resource, name)
      outcomes.push(value === undefined ? { status: 404, prop: element(name.ns, name.local) } : { status: 200, prop: value })
    }
  } else {
    for (const name of request.names) {
      const value = getProperty(ctx, path, resource, name)
      outcomes.push(value === undefined ? { status: 404, prop: element(name.ns, name.local) } : { status: 200, prop: value })
    }
  }
  return propstatResponse(ctx, path, isCollection, outcomes)
}
