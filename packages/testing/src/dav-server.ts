import { createAuthGate, type DavServerAuth, type ServerAuthControl } from './auth/server-auth.ts'
import type { ServerState } from './context.ts'
import { Faults } from './faults/faults.ts'
import { createHandler } from './handle-request.ts'
import { Journal } from './journal.ts'
import { resolveDialect, type DavDialect } from './options.ts'
import { LockTable, type LockScope } from './store/lock-table.ts'
import { MemoryStore } from './store/memory-store.ts'
import { normaliseBasePath, parsePlainPath, pathKey } from './store/paths.ts'
import { seedStore, snapshotOf, type SeedTree, type SnapshotTree } from './store/seed.ts'
import { resolveUploads, type DavServerUploads } from './uploads/upload-options.ts'
import { element, text } from './xml/xml-node.ts'

/** Options of {@link createDavServer}. */
export interface DavServerOptions {
  /** URL path under which the store's root is served (default `/`), e.g. `/remote.php/dav/files/alice/`. */
  readonly basePath?: string
  /** Initial content (see {@link SeedTree}). */
  readonly seed?: SeedTree
  /** Real-server habits to reproduce (absolute hrefs, prefixes, propstat order...). */
  readonly dialect?: DavDialect
  /** Storage limit in bytes for the whole store: writes beyond it get 507. */
  readonly quotaBytes?: number
  /** href returned by `DAV:current-user-principal` (RFC 5397); `DAV:unauthenticated` when absent. */
  readonly principal?: string
  /** The clock (default `() => new Date()`); freeze it for deterministic dates. */
  readonly now?: () => Date
  /** Require Basic or Digest credentials of every request (none by default). */
  readonly auth?: DavServerAuth
  /** Resumable upload mechanisms to offer (none by default). */
  readonly uploads?: DavServerUploads
}

/** A resource as stored, for assertions. */
export interface StoredResource {
  readonly kind: 'file' | 'collection'
  /** Content bytes (empty for collections). */
  readonly content: Uint8Array
  /** Content as UTF-8 text. */
  readonly text: string
  readonly contentType: string | undefined
  readonly etag: string
  readonly created: Date
  readonly modified: Date
  /** Dead properties as Clark-notation names (`{urn:x}color`) with their text content. */
  readonly props: Readonly<Record<string, string>>
  /** Member names, for collections. */
  readonly members: readonly string[]
}

/** An active lock, for assertions. */
export interface LockInfo {
  readonly token: string
  /** Decoded path of the lock root (`/docs`). */
  readonly root: string
  readonly depth: '0' | 'infinity'
  readonly scope: LockScope
  readonly timeout: number | 'infinite'
}

/** Options of {@link DavServer.lockAsOtherOwner}. */
export interface ForeignLockOptions {
  readonly depth?: '0' | 'infinity'
  readonly scope?: LockScope
  /** Text of the `DAV:owner` element (default `another-user`). */
  readonly owner?: string
  /** Seconds, or `'infinite'` (default). */
  readonly timeout?: number | 'infinite'
}

/** An in-memory WebDAV server: a fetch-style core plus the state tests inspect and control. */
export interface DavServer {
  /** Answers one request. Rejects with a `DavNetworkError` (a `TypeError`) only when a network fault says so. */
  handle(request: Request): Promise<Response>
  /** URL path of the store's root, `/`-terminated. */
  readonly basePath: string
  /** Requests received, with the answers given. */
  readonly journal: Journal
  /** Fault injection for the next matching requests. */
  readonly faults: Faults
  /** Control of the required auth (stale nonces); `undefined` when the server requires none. */
  readonly auth: ServerAuthControl | undefined
  /** Adds content below `at` (a store path such as `/docs`, default the root). */
  seed(tree: SeedTree, at?: string): void
  /** The tree below `at` (default the root) as plain data: files as text, collections as objects. */
  snapshot(at?: string): SnapshotTree
  /** One resource as stored, or undefined. */
  read(path: string): StoredResource | undefined
  /** Whether a resource exists at a store path. */
  exists(path: string): boolean
  /** Active locks. */
  locks(): LockInfo[]
  /** Takes a lock no client holds the token of ("locked by another user"); returns its token. */
  lockAsOtherOwner(path: string, options?: ForeignLockOptions): string
  /** Changes the storage limit (undefined for none). */
  setQuota(bytes: number | undefined): void
  /** Changes the `current-user-principal` href (undefined for `DAV:unauthenticated`). */
  setPrincipal(href: string | undefined): void
  /** Empties store, locks, journal and faults, then seeds `tree` if given. */
  reset(tree?: SeedTree): void
}

const textDecoder = new TextDecoder()

/**
 * Creates an in-memory WebDAV server (RFC 4918 classes 1 and 2, RFC 6578 sync-collection, RFC 4331 quota).
 * Serve it with `davHandlers` (msw) or `listen` from `@davkit/testing/node`, or call `handle` directly.
 * @example
 * const dav = createDavServer({ seed: { docs: { 'a.txt': 'hello' } } })
 * const response = await dav.handle(new Request('http://dav.test/docs/a.txt'))
 */
export function createDavServer(options: DavServerOptions = {}): DavServer {
  const now = options.now ?? ((): Date => new Date())
  const store = new MemoryStore(now)
  const locks = new LockTable(now)
  const state: ServerState = {
    store,
    locks,
    basePath: normaliseBasePath(options.basePath ?? '/'),
    dialect: resolveDialect(options.dialect),
    uploads: resolveUploads(options.uploads),
    quotaBytes: options.quotaBytes,
    principal: options.principal,
    now,
    syncTokenPrefix: newSyncTokenPrefix(),
  }
  const journal = new Journal()
  const faults = new Faults()
  const auth = options.auth === undefined ? undefined : createAuthGate(options.auth)
  const handle = createHandler({ state, journal, faults, auth })
  if (options.seed !== undefined) seedStore(store, options.seed)
  return {
    handle,
    basePath: state.basePath,
    journal,
    faults,
    auth,
    seed(tree, at = '/') {
      seedStore(store, tree, parsePlainPath(at))
    },
    snapshot(at = '/') {
      const resource = store.get(parsePlainPath(at))
      if (resource === undefined) throw new RangeError(`nothing at ${at}`)
      const view = snapshotOf(resource)
      if (typeof view === 'string') throw new RangeError(`${at} is a file, not a collection`)
      return view
    },
    read(path) {
      const resource = store.get(parsePlainPath(path))
      if (resource === undefined) return undefined
      const props: Record<string, string> = {}
      for (const [key, prop] of resource.deadProps)
        props[key] = prop.children.map((child) => (child.kind === 'text' ? child.text : '')).join('')
      const content = resource.kind === 'file' ? resource.content.slice() : new Uint8Array()
      return {
        kind: resource.kind,
        content,
        text: textDecoder.decode(content),
        contentType: resource.kind === 'file' ? resource.contentType : undefined,
        etag: resource.etag,
        created: resource.created,
        modified: resource.modified,
        props,
        members: resource.kind === 'collection' ? [...resource.children.keys()] : [],
      }
    },
    exists(path) {
      return store.get(parsePlainPath(path)) !== undefined
    },
    locks() {
      return locks
        .all()
        .map((lock) => ({ token: lock.token, root: pathKey(lock.root), depth: lock.depth, scope: lock.scope, timeout: lock.timeout }))
    },
    lockAsOtherOwner(path, lockOptions = {}) {
      const owner = element('DAV:', 'owner', [text(lockOptions.owner ?? 'another-user')])
      const lock = locks.create(
        parsePlainPath(path),
        lockOptions.depth ?? 'infinity',
        lockOptions.scope ?? 'exclusive',
        owner,
        lockOptions.timeout ?? 'infinite',
      )
      return lock.token
    },
    setQuota(bytes) {
      state.quotaBytes = bytes
    },
    setPrincipal(href) {
      state.principal = href
    },
    reset(tree) {
      store.clear()
      locks.clear()
      journal.clear()
      faults.clear()
      state.syncTokenPrefix = newSyncTokenPrefix()
      if (tree !== undefined) seedStore(store, tree)
    },
  }
}

function newSyncTokenPrefix(): string {
  return `urn:davkit:sync:${crypto.randomUUID()}:`
}
