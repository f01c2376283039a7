import { parentOf, type StorePath } from './paths.ts'
import { walk, type CollectionResource, type FileResource, type Resource } from './resource.ts'

/** A removal recorded for sync-collection: the path that disappeared and the revision at which it did. */
export interface Tombstone {
  readonly path: StorePath
  readonly revision: number
  readonly isCollection: boolean
}

/**
 * The in-memory tree of resources. It knows nothing about HTTP: methods validate
 * requests and call these operations, which keep etags, times and the change log right.
 */
export class MemoryStore {
  /** The root collection. */
  root: CollectionResource
  /** Monotonic revision counter: every change takes the next value. */
  revision = 0
  /** Removed paths, in revision order, for sync-collection. */
  readonly tombstones: Tombstone[] = []
  private readonly now: () => Date

  /** @param now the clock (tests may freeze it) */
  constructor(now: () => Date) {
    this.now = now
    this.root = this.newCollection()
  }

  /** Takes the next revision and returns it. */
  nextRevision(): number {
    this.revision += 1
    return this.revision
  }

  private stamp(resource: Resource, size: number): void {
    const revision = this.nextRevision()
    resource.changedAt = revision
    resource.etag = `"${revision.toString(16)}-${size.toString(16)}"`
  }

  /** A fresh, unattached, empty collection stamped with a new revision. */
  newCollection(): CollectionResource {
    const time = this.now()
    const collection: CollectionResource = {
      kind: 'collection',
      created: time,
      modified: time,
      etag: '',
      deadProps: new Map(),
      changedAt: 0,
      children: new Map(),
    }
    this.stamp(collection, 0)
    return collection
  }

  /** A fresh, unattached file stamped with a new revision. */
  newFile(content: Uint8Array, contentType: string): FileResource {
    const time = this.now()
    const file: FileResource = {
      kind: 'file',
      created: time,
      modified: time,
      etag: '',
      deadProps: new Map(),
      changedAt: 0,
      content,
      contentType,
    }
    this.stamp(file, content.byteLength)
    return file
  }

  /** The resource at a path, if any. */
  get(path: StorePath): Resource | undefined {
    let current: Resource = this.root
    for (const segment of path) {
      if (current.kind !== 'collection') return undefined
      const next = current.children.get(segment)
      if (next === undefined) return undefined
      current = next
    }
    return current
  }

  /** The collection that would hold `path`, if it exists and is a collection. */
  parentCollection(path: StorePath): CollectionResource | undefined {
    if (path.length === 0) return undefined
    const parent = this.get(parentOf(path))
    return parent?.kind === 'collection' ? parent : undefined
  }

  /** Replaces the content of a file (new etag, new modification time). */
  writeContent(file: FileResource, content: Uint8Array, contentType: string | undefined): void {
    file.content = content
    if (contentType !== undefined) file.contentType = contentType
    file.modified = this.now()
    this.stamp(file, content.byteLength)
  }

  /** Records a change of a resource's properties (new etag and revision; content untouched). */
  touch(resource: Resource): void {
    this.stamp(resource, resource.kind === 'file' ? resource.content.byteLength : 0)
  }

  /** Attaches a resource at `path` (the parent must exist; an existing member is replaced). */
  attach(path: StorePath, resource: Resource): void {
    const parent = this.parentCollection(path)
    const name = path.at(-1)
    if (parent === undefined || name === undefined) throw new Error(`no parent collection for /${path.join('/')}`)
    const previous = parent.children.get(name)
    if (previous !== undefined) this.recordRemoval(path, previous)
    parent.children.set(name, resource)
    this.membershipChanged(parent)
  }

  /** A collection's membership changed: new modification time and entity tag, like a directory's mtime. */
  private membershipChanged(collection: CollectionResource): void {
    collection.modified = this.now()
    collection.etag = `"${this.nextRevision().toString(16)}-0"`
  }

  /** Detaches and returns the resource at `path` (recorded as removed for sync). */
  detach(path: StorePath): Resource | undefined {
    const parent = this.parentCollection(path)
    const name = path.at(-1)
    if (parent === undefined || name === undefined) return undefined
    const resource = parent.children.get(name)
    if (resource === undefined) return undefined
    parent.children.delete(name)
    this.membershipChanged(parent)
    this.recordRemoval(path, resource)
    return resource
  }

  private recordRemoval(path: StorePath, resource: Resource): void {
    for (const [relative, member] of walk(resource)) {
      this.tombstones.push({ path: [...path, ...relative], revision: this.nextRevision(), isCollection: member.kind === 'collection' })
    }
  }

  /** Re-stamps every resource of a subtree as new (after copy or move): new etags, revisions and, for copies, times. */
  restampTree(resource: Resource, asNew: boolean): void {
    const time = this.now()
    for (const [, member] of walk(resource)) {
      if (asNew) {
        member.created = time
        member.modified = time
      }
      this.stamp(member, member.kind === 'file' ? member.content.byteLength : 0)
    }
  }

  /** Empties the store. */
  clear(): void {
    this.root = this.newCollection()
    this.tombstones.length = 0
  }
}
