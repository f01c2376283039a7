import type { XmlElement } from '../xml/xml-node.ts'

/** What every stored resource carries: timestamps, its entity tag, dead properties and its sync revision. */
interface ResourceCommon {
  created: Date
  modified: Date
  /** Strong entity tag, quoted (`"1a-5"`); replaced on every change of content. */
  etag: string
  /** Dead properties as the XML the client sent, keyed by `{namespace}local`. */
  readonly deadProps: Map<string, XmlElement>
  /** Store revision of the last change of this resource (content or properties), for sync-collection. */
  changedAt: number
}

/** A non-collection resource (a file). */
export interface FileResource extends ResourceCommon {
  readonly kind: 'file'
  content: Uint8Array
  contentType: string
}

/** A collection; members by decoded name, in insertion order. */
export interface CollectionResource extends ResourceCommon {
  readonly kind: 'collection'
  readonly children: Map<string, Resource>
}

/** A resource in the in-memory store. */
export type Resource = FileResource | CollectionResource

/** Deep copy of a resource (dead properties included); times and etags are re-stamped by the caller. */
export function cloneResource(resource: Resource, depthInfinity = true): Resource {
  const deadProps = new Map(resource.deadProps)
  if (resource.kind === 'file') {
    return { ...resource, content: resource.content.slice(), deadProps }
  }
  const children = new Map<string, Resource>()
  if (depthInfinity) for (const [name, child] of resource.children) children.set(name, cloneResource(child, true))
  return { ...resource, deadProps, children }
}

/** Number of content bytes in a resource and its members. */
export function bytesOf(resource: Resource): number {
  if (resource.kind === 'file') return resource.content.byteLength
  let total = 0
  for (const child of resource.children.values()) total += bytesOf(child)
  return total
}

/** Every resource of a subtree with its path relative to the subtree root (the root first, parents before members). */
export function* walk(resource: Resource, relative: readonly string[] = []): Generator<[readonly string[], Resource]> {
  yield [relative, resource]
  if (resource.kind === 'collection') for (const [name, child] of resource.children) yield* walk(child, [...relative, name])
}
