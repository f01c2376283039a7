import type { DeleteResult } from '@davkit/types'
import type { RequestOptions } from '../http/client-options.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { lockedOutcome, mayHaveBeenCarriedOut, multistatusOutcome } from './content-outcomes.ts'
import { applyLockTokens, type LockTokens } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { davErrorOf, readResponseBody, statusError, undecodableError } from './read-dav-answer.ts'

/** Options of a DELETE. */
export interface DeleteOptions extends RequestOptions {
  /** Delete only if the current entity tag is this one (`If-Match`). */
  readonly ifMatch?: string
  /**
   * Locks to submit (a tagged `If` header) when the resource, a member or a parent is locked: the
   * grant `lock` returned, or `{ token, root }`; a bare token is tagged with the request URL.
   */
  readonly lockToken?: LockTokens
}

/**
 * DELETE (RFC 4918 section 9.6). A collection some of whose members could not be deleted is
 * `partial` with every failed member, whatever status carried the multistatus (207, or a 423,
 * 424 or 403 with a multistatus body as Apache sends); a lock on the target or above it is `locked`. A 404 after a retried attempt whose fate is
 * unknown is `uncertain` rather than `not-found`.
 */
export async function deleteResource(context: MethodContext, target: DavTarget, options: DeleteOptions = {}): Promise<DeleteResult> {
  const base = context.pipeline.baseUrl
  const url = resolveTarget(base, target)
  const headers = new Headers(options.headers)
  if (options.ifMatch !== undefined) headers.set('if-match', options.ifMatch)
  applyLockTokens(headers, base, [url, options.lockToken])
  const response = await context.pipeline.send({ method: 'DELETE', url, headers, signal: options.signal })
  const { status, attempts } = response
  const reading = readResponseBody(response)
  if (reading.kind === 'multistatus') {
    return multistatusOutcome(reading.multistatus, status, attempts, [url]) ?? { kind: 'deleted', status, attempts }
  }
  if (status === 207) throw undecodableError(response, reading)
  const error = davErrorOf(reading)
  if (status === 404 && response.earlierFailures.some(mayHaveBeenCarriedOut)) {
    return { kind: 'uncertain', status, attempts, earlierFailures: response.earlierFailures }
  }
  switch (status) {
    case 200:
    case 202:
    case 204:
      return { kind: 'deleted', status, attempts }
    case 404:
      return { kind: 'not-found', status, attempts }
    case 412:
      return { kind: 'precondition-failed', status, attempts, error }
    case 423:
      return lockedOutcome(status, attempts, error)
    case 424:
      return { kind: 'failed-dependency', status, attempts, error, failures: [], responses: [], description: undefined }
    case 403:
      return { kind: 'forbidden', status, attempts, error }
  }
  throw statusError(response, reading)
}
