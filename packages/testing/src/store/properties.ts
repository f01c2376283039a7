import type { RequestContext } from '../context.ts'
import { DAV_NS, dav, qnameKey, type QName, type XmlElement } from '../xml/xml-node.ts'
import { LIVE_BY_NAME, LIVE_PROPERTIES } from './live-props.ts'
import type { StorePath } from './paths.ts'
import type { Resource } from './resource.ts'

/** A property's value element (dead as stored, live as computed), or undefined when the resource does not have it. */
export function getProperty(ctx: RequestContext, path: StorePath, resource: Resource, name: QName): XmlElement | undefined {
  const dead = resource.deadProps.get(qnameKey(name))
  if (dead !== undefined) return dead
  if (name.ns !== DAV_NS) return undefined
  const live = LIVE_BY_NAME.get(name.local)
  const value = live?.value(ctx, path, resource)
  return value === undefined ? undefined : dav(name.local, value)
}

/** Every property `allprop` returns: live ones defined by RFC 4918 and all dead ones. */
export function allProperties(ctx: RequestContext, path: StorePath, resource: Resource): XmlElement[] {
  const out: XmlElement[] = []
  for (const live of LIVE_PROPERTIES) {
    if (!live.allprop || resource.deadProps.has(qnameKey({ ns: DAV_NS, local: live.local }))) continue
    const value = live.value(ctx, path, resource)
    if (value !== undefined) out.push(dav(live.local, value))
  }
  out.push(...resource.deadProps.values())
  return out
}

/** The names of every property the resource has (for `propname`). */
export function propertyNames(ctx: RequestContext, path: StorePath, resource: Resource): QName[] {
  const names: QName[] = []
  for (const live of LIVE_PROPERTIES) {
    if (resource.deadProps.has(qnameKey({ ns: DAV_NS, local: live.local }))) continue
    if (live.value(ctx, path, resource) !== undefined) names.push({ ns: DAV_NS, local: live.local })
  }
  for (const dead of resource.deadProps.values()) names.push({ ns: dead.ns, local: dead.local })
  return names
}

/** Whether PROPPATCH must refuse to change this property. */
export function isProtected(name: QName): boolean {
  return name.ns === DAV_NS && LIVE_BY_NAME.get(name.local)?.protected === true
}
