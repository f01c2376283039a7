import type { ResolvedDialect } from './options.ts'
import type { ResolvedUploads } from './uploads/upload-options.ts'
import type { LockTable } from './store/lock-table.ts'
import type { MemoryStore } from './store/memory-store.ts'
import type { StorePath } from './store/paths.ts'

/** Everything a method needs from the server: the store, the locks and the configuration. */
export interface ServerState {
  readonly store: MemoryStore
  readonly locks: LockTable
  /** URL path under which the store's root collection is served, `/`-terminated. */
  readonly basePath: string
  readonly dialect: ResolvedDialect
  /** The resumable upload mechanisms offered. */
  readonly uploads: ResolvedUploads
  /** Storage limit in bytes for the whole store (507 beyond it), or undefined for none. */
  quotaBytes: number | undefined
  /** href of the current user's principal (RFC 5397), or undefined for `DAV:unauthenticated`. */
  principal: string | undefined
  readonly now: () => Date
  /**
   * Prefix of the sync tokens this server issues; a token is this prefix and a revision number.
   * A reset draws a new one, so tokens from before it are refused rather than answered from a
   * change log that no longer exists.
   */
  syncTokenPrefix: string
}

/** One request being handled, with its body already read and its path resolved. */
export interface RequestContext {
  readonly state: ServerState
  readonly request: Request
  readonly url: URL
  readonly method: string
  readonly path: StorePath
  readonly trailingSlash: boolean
  readonly body: Uint8Array
  /**
   * The body stopped early (a `cutRequestBody` fault): `body` holds only the bytes that arrived and
   * no answer will reach the client. A handler keeps what its mechanism keeps of a dropped
   * transfer; one that does not know partial bodies writes nothing.
   */
  readonly bodyCut: boolean
  /** Lock tokens that appear in the request's `If` header. */
  readonly submittedTokens: ReadonlySet<string>
}
