import { element, text, type XmlElement } from '../xml/xml-node.ts'
import { contentTypeFor } from './content-type.ts'
import type { MemoryStore } from './memory-store.ts'
import { parsePlainPath, type StorePath } from './paths.ts'
import type { Resource } from './resource.ts'

/** Options of a seeded file. */
export interface SeedFileOptions {
  readonly contentType?: string
  /** Dead properties, keyed in Clark notation (`{urn:example}color`), with text values. */
  readonly props?: Readonly<Record<string, string>>
}

/** A file in a seed tree with a content type or dead properties; create it with {@link seedFile}. */
export class SeedFile {
  readonly content: string | Uint8Array
  readonly options: SeedFileOptions
  /** @param content text (stored as UTF-8) or bytes */
  constructor(content: string | Uint8Array, options: SeedFileOptions = {}) {
    this.content = content
    this.options = options
  }
}

/**
 * A tree to seed the store with: strings or bytes are files, plain objects are collections.
 * Keys may hold slashes (`'docs/2024/report.txt'`): missing collections are created.
 */
export interface SeedTree {
  readonly [name: string]: string | Uint8Array | SeedFile | SeedTree
}

/** A file with a content type or dead properties, for a {@link SeedTree}. */
export function seedFile(content: string | Uint8Array, options: SeedFileOptions = {}): SeedFile {
  return new SeedFile(content, options)
}

const encoder = new TextEncoder()

function clarkToElement(clark: string, value: string): XmlElement {
  const match = /^\{([^}]*)\}(.+)$/.exec(clark)
  if (match === null) throw new RangeError(`a seeded property name must be in Clark notation ({namespace}local), got '${clark}'`)
  return element(match[1] ?? '', match[2] ?? '', value === '' ? [] : [text(value)])
}

function ensureCollection(store: MemoryStore, path: StorePath): void {
  for (let length = 1; length <= path.length; length++) {
    const prefix = path.slice(0, length)
    const existing = store.get(prefix)
    if (existing === undefined) store.attach(prefix, store.newCollection())
    else if (existing.kind !== 'collection') throw new RangeError(`cannot seed below /${prefix.join('/')}: it is a file`)
  }
}

/** Adds a seed tree below `at` (default: the root), replacing files that exist. */
export function seedStore(store: MemoryStore, tree: SeedTree, at: StorePath = []): void {
  ensureCollection(store, at)
  for (const [key, entry] of Object.entries(tree)) {
    const path = [...at, ...parsePlainPath(key)]
    if (path.length === at.length) throw new RangeError(`a seed key must name a resource, got '${key}'`)
    ensureCollection(store, path.slice(0, -1))
    if (typeof entry === 'string' || entry instanceof Uint8Array || entry instanceof SeedFile) {
      const file = entry instanceof SeedFile ? entry : new SeedFile(entry)
      const bytes = typeof file.content === 'string' ? encoder.encode(file.content) : file.content.slice()
      const resource = store.newFile(bytes, contentTypeFor(path.at(-1) ?? '', file.options.contentType ?? null))
      for (const [clark, value] of Object.entries(file.options.props ?? {})) {
        const prop = clarkToElement(clark, value)
        resource.deadProps.set(`{${prop.ns}}${prop.local}`, prop)
      }
      store.attach(path, resource)
    } else {
      ensureCollection(store, path)
      seedStore(store, entry, path)
    }
  }
}

/** A plain view of a subtree: files as UTF-8 text, collections as objects. */
export interface SnapshotTree {
  readonly [name: string]: string | SnapshotTree
}

const decoder = new TextDecoder()

/** The tree below a resource as plain data (for `toEqual` in tests). */
export function snapshotOf(resource: Resource): SnapshotTree | string {
  if (resource.kind === 'file') return decoder.decode(resource.content)
  const out: Record<string, string | SnapshotTree> = {}
  for (const [name, child] of resource.children) out[name] = snapshotOf(child)
  return out
}
