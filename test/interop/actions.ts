import type { Observed } from './expectation.ts'
import type { Depth, PatchInstruction } from './scenario.ts'

/**
 * What a step observed: `outcome` is compared with the scenario's expectation; `detail` is the
 * fuller decoded result (every reported property, response kinds, error codes), values that
 * naturally differ reduced to their shape, for the differential check between servers.
 */
export interface Observation {
  readonly outcome: Observed
  readonly detail: Observed
}

/** A LOCK's outcome plus the token to use later (undefined when the server gave none). */
export interface LockObservation extends Observation {
  readonly token: string | undefined
}

/**
 * The operations the scenario steps need, against one server. Paths are decoded and relative to
 * the server's DAV root; implementations encode them.
 */
export interface DavActions {
  mkcol(path: string): Promise<Observation>
  put(path: string, body: string, lockToken: string | undefined): Promise<Observation>
  delete(path: string): Promise<Observation>
  propfind(path: string, depth: Depth, props: readonly string[]): Promise<Observation>
  proppatch(path: string, instructions: readonly PatchInstruction[]): Promise<Observation>
  copy(from: string, to: string, depth: 0 | 'infinity' | undefined, overwrite: boolean | undefined): Promise<Observation>
  move(from: string, to: string, overwrite: boolean | undefined): Promise<Observation>
  lock(path: string, owner: string, depth: 0 | 'infinity' | undefined): Promise<LockObservation>
  unlock(path: string, token: string): Promise<Observation>
  /** LOCK by another client: a separate plain request with its own owner. */
  otherLock(path: string, owner: string, depth: 0 | 'infinity' | undefined): Promise<LockObservation>
  /** UNLOCK by that other client. */
  otherUnlock(path: string, token: string): Promise<Observation>
}
