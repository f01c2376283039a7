import type { LockGranted } from '@davkit/types'
import { HttpStatusError } from '../../errors/http-status-error.ts'
import { UndecodableResponseError } from '../../errors/undecodable-response-error.ts'
import { lockIfHeader } from '../../methods/if-header.ts'
import { uploadError } from './upload-error.ts'
import type { UploadPlan } from './upload-mechanism.ts'

// Asked for, and refreshed at half of what the server grants: an upload that dies leaves a lock
// that runs out within the hour, not one that blocks the file for good.
const LOCK_SECONDS = 3600
const UNLOCK_TIMEOUT_MS = 10_000

/** An exclusive write lock held on the file while an upload writes it part by part. */
export interface UploadLock {
  /** The `If` header submitting the lock's token, refreshing the lock first when half its time has gone. */
  ifHeader(): Promise<string>
  /** Releases the lock (best effort: a lock not released runs out). */
  release(): Promise<void>
}

/**
 * Takes an exclusive write lock (depth 0) on the upload's file, when the server may grant one: it
 * shows DAV class 2, or was not asked (a requested mechanism). A server that does not lock there
 * (any refusal but 423) gives `undefined`, and the upload goes on without; a lock someone else
 * holds fails the upload with outcome `locked`.
 */
export async function holdUploadLock(plan: UploadPlan): Promise<UploadLock | undefined> {
  if (plan.capabilities !== undefined && !plan.capabilities.dav.includes('2')) return undefined
  const { client, url, signal } = plan
  const withSignal = signal === undefined ? {} : { signal }
  const answer = await client.lock(url, { depth: 0, timeout: LOCK_SECONDS, ...withSignal }).catch((error: unknown) => {
    // A status the LOCK does not name (405, 501...), or a grant without a token: no lock here.
    if (error instanceof HttpStatusError || error instanceof UndecodableResponseError) return undefined
    throw error
  })
  if (answer === undefined) return undefined
  if (answer.kind === 'locked') throw uploadError(plan, 'locked', answer.status)
  if (answer.kind !== 'granted') return undefined
  const grant: LockGranted = answer
  const header = lockIfHeader(client.baseUrl, url, grant)
  const grantedSeconds = (lock: LockGranted): number =>
    lock.lock?.timeout?.kind === 'seconds' ? Math.min(lock.lock.timeout.seconds, LOCK_SECONDS) : LOCK_SECONDS
  let refreshAt = Date.now() + (grantedSeconds(grant) * 1000) / 2
  return {
    async ifHeader() {
      if (Date.now() >= refreshAt) {
        const refreshed = await client.refreshLock(url, grant, { timeout: LOCK_SECONDS, ...withSignal })
        // A lock the server no longer knows: the writes under it are refused (412) and fail typed.
        if (refreshed.kind === 'granted') refreshAt = Date.now() + (grantedSeconds(refreshed) * 1000) / 2
      }
      return header
    },
    async release() {
      await client.unlock(url, grant, { signal: AbortSignal.timeout(UNLOCK_TIMEOUT_MS) }).catch(() => undefined)
    },
  }
}
