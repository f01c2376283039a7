import type { XmlElement } from '../xml/xml-node.ts'
import { isWithin, type StorePath } from './paths.ts'

/** Lock scope (RFC 4918 section 14.13). */
export type LockScope = 'exclusive' | 'shared'

/** An active write lock. */
export interface Lock {
  /** The state token, an `opaquelocktoken:` URI. */
  readonly token: string
  /** The path the lock was taken on (its lock root). */
  readonly root: StorePath
  readonly depth: '0' | 'infinity'
  readonly scope: LockScope
  /** The `DAV:owner` element as sent, if any. */
  readonly owner: XmlElement | undefined
  /** Requested timeout in seconds, or `'infinite'`. */
  timeout: number | 'infinite'
  /** When the lock expires, in epoch milliseconds (`Infinity` for infinite locks). */
  expiresAt: number
}

/** The table of active locks. Locks belong to paths, not to resources: they never move with a MOVE. */
export class LockTable {
  private readonly locks = new Map<string, Lock>()
  private readonly now: () => Date

  /** @param now the clock used for timeouts */
  constructor(now: () => Date) {
    this.now = now
  }

  /** Drops expired locks. */
  purge(): void {
    const now = this.now().getTime()
    for (const [token, lock] of this.locks) if (lock.expiresAt <= now) this.locks.delete(token)
  }

  /** Every active lock. */
  all(): Lock[] {
    this.purge()
    return [...this.locks.values()]
  }

  /** The lock with this token, if active. */
  get(token: string): Lock | undefined {
    this.purge()
    return this.locks.get(token)
  }

  /** Locks that apply to `path`: taken on it, or depth infinity on an ancestor. */
  covering(path: StorePath): Lock[] {
    return this.all().filter((lock) =>
      lock.root.length === path.length ? isWithin(path, lock.root) : lock.depth === 'infinity' && isWithin(path, lock.root),
    )
  }

  /** Locks whose root lies at or below `path`. */
  within(path: StorePath): Lock[] {
    return this.all().filter((lock) => isWithin(lock.root, path))
  }

  /** Seconds left before a lock expires (`'infinite'` when it never does). */
  remaining(lock: Lock): number | 'infinite' {
    if (lock.expiresAt === Infinity) return 'infinite'
    return Math.max(0, Math.ceil((lock.expiresAt - this.now().getTime()) / 1000))
  }

  /** Adds a lock with a fresh token. */
  create(root: StorePath, depth: '0' | 'infinity', scope: LockScope, owner: XmlElement | undefined, timeout: number | 'infinite'): Lock {
    const lock: Lock = { token: `opaquelocktoken:${crypto.randomUUID()}`, root, depth, scope, owner, timeout, expiresAt: 0 }
    this.setTimeout(lock, timeout)
    this.locks.set(lock.token, lock)
    return lock
  }

  /** Restarts a lock's timer. */
  setTimeout(lock: Lock, timeout: number | 'infinite'): void {
    lock.timeout = timeout
    lock.expiresAt = timeout === 'infinite' ? Infinity : this.now().getTime() + timeout * 1000
  }

  /** Removes one lock. */
  remove(token: string): boolean {
    return this.locks.delete(token)
  }

  /** Removes every lock rooted at or below `path` (the resources are gone or moved away). */
  removeWithin(path: StorePath): void {
    for (const lock of this.within(path)) this.locks.delete(lock.token)
  }

  /** Removes every lock. */
  clear(): void {
    this.locks.clear()
  }
}
