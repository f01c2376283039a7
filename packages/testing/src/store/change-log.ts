import type { MemoryStore } from './memory-store.ts'
import { isWithin, type StorePath } from './paths.ts'
import { walk, type Resource } from './resource.ts'

/** A change of a collection's member since some revision (RFC 6578): still there, or removed. */
export type MemberChange =
  | { readonly kind: 'changed'; readonly path: StorePath; readonly resource: Resource; readonly revision: number }
  | { readonly kind: 'removed'; readonly path: StorePath; readonly revision: number; readonly isCollection: boolean }

/** Whether `member` is in scope of a sync on `collection` at the given level. */
function inScope(member: StorePath, collection: StorePath, level: '1' | 'infinite'): boolean {
  if (!isWithin(member, collection) || member.length === collection.length) return false
  return level === 'infinite' || member.length === collection.length + 1
}

/**
 * Members of `collection` changed or removed after `since`, oldest first: what a
 * sync-collection REPORT reports. A path removed and then re-created counts as changed.
 */
export function changesSince(
  store: MemoryStore,
  collectionPath: StorePath,
  collection: Resource,
  since: number,
  level: '1' | 'infinite',
): MemberChange[] {
  const changes: MemberChange[] = []
  const present = new Set<string>()
  for (const [relative, member] of walk(collection)) {
    if (relative.length === 0) continue
    const path = [...collectionPath, ...relative]
    if (!inScope(path, collectionPath, level)) continue
    present.add(path.join('/'))
    if (member.changedAt > since) changes.push({ kind: 'changed', path, resource: member, revision: member.changedAt })
  }
  const removed = new Map<string, MemberChange>()
  for (const tombstone of store.tombstones) {
    if (tombstone.revision <= since || !inScope(tombstone.path, collectionPath, level)) continue
    const key = tombstone.path.join('/')
    if (!present.has(key))
      removed.set(key, { kind: 'removed', path: tombstone.path, revision: tombstone.revision, isCollection: tombstone.isCollection })
  }
  changes.push(...removed.values())
  return changes.sort((a, b) => a.revision - b.revision)
}

/** The revision a collection's sync token names: its latest change, its members' or a removal below it. */
export function syncRevisionOf(store: MemoryStore, collectionPath: StorePath, collection: Resource): number {
  let revision = collection.changedAt
  for (const [, member] of walk(collection)) revision = Math.max(revision, member.changedAt)
  for (const tombstone of store.tombstones)
    if (isWithin(tombstone.path, collectionPath) && tombstone.path.length > collectionPath.length)
      revision = Math.max(revision, tombstone.revision)
  return revision
}
