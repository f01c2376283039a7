import type { Observed } from './expectation.ts'
import type { DeleteResult, LockResult, MemberFailure, MkcolResult, PutResult, UnlockResult } from './davkit.ts'
import { conditionsOf, scenarioPath } from './observe.ts'

/**
 * The client's PUT, MKCOL, DELETE, LOCK and UNLOCK results as observations, in the same shapes
 * as the plain-fetch setup steps (see scenario.ts): `{ status }`, a partial DELETE as
 * `{ status, members }`, a LOCK as `{ status, lockToken }`. The `detail` adds the result's kind
 * and `DAV:error` conditions for the differential check.
 */

/** `{ status }`, with the `DAV:error` conditions when there were any. */
function withConditions(status: number, conditions: readonly Observed[]): Observed {
  return conditions.length === 0 ? { status } : { status, conditions }
}

function errorOf(result: object): Observed[] {
  return 'error' in result ? conditionsOf(result.error as Parameters<typeof conditionsOf>[0]) : []
}

/** The resources a multistatus reported as failed, by scenario path. */
function membersOf(failures: readonly MemberFailure[], rootPath: string): Record<string, Observed> {
  const members: Record<string, Observed> = {}
  for (const failure of failures) {
    members[scenarioPath(failure.href.path, rootPath).replace(/(.)\/$/, '$1')] =
      failure.status.kind === 'status' ? failure.status.code : `status-problem: ${failure.status.problem}`
  }
  return members
}

/** A PUT or MKCOL result; one refused by a multistatus (Apache's locked parent) lists its members. */
export function observeContent(result: PutResult | MkcolResult, rootPath: string): { outcome: Observed; detail: Observed } {
  if ('failures' in result && result.failures.length > 0) {
    const members = membersOf(result.failures, rootPath)
    return { outcome: { status: result.status, members }, detail: { kind: result.kind, status: result.status, members } }
  }
  return {
    outcome: withConditions(result.status, errorOf(result)),
    detail: { kind: result.kind, status: result.status, conditions: errorOf(result) },
  }
}

/** A DELETE result; a partial failure lists the failed members by scenario path. */
export function observeDelete(result: DeleteResult, rootPath: string): { outcome: Observed; detail: Observed } {
  if (result.kind === 'partial') {
    const members: Record<string, Observed> = {}
    for (const failure of result.failures) {
      members[scenarioPath(failure.href.path, rootPath)] =
        failure.status.kind === 'status' ? failure.status.code : `status-problem: ${failure.status.problem}`
    }
    return { outcome: { status: result.status, members }, detail: { kind: result.kind, status: result.status, members } }
  }
  return {
    outcome: withConditions(result.status, errorOf(result)),
    detail: { kind: result.kind, status: result.status, conditions: errorOf(result) },
  }
}

/** A LOCK result, and its token when granted. */
export function observeLock(result: LockResult): { outcome: Observed; detail: Observed; token: string | undefined } {
  const token = result.kind === 'granted' ? result.token : undefined
  const outcome = { status: result.status, lockToken: token === undefined ? 'absent' : 'present' }
  return {
    outcome,
    detail: {
      ...outcome,
      kind: result.kind,
      conditions: errorOf(result),
      ...(result.kind === 'granted' ? { created: result.created, reported: result.lock !== undefined } : {}),
    },
    token,
  }
}

/** An UNLOCK result. */
export function observeUnlock(result: UnlockResult): { outcome: Observed; detail: Observed } {
  return {
    outcome: withConditions(result.status, errorOf(result)),
    detail: { kind: result.kind, status: result.status, conditions: errorOf(result) },
  }
}
