import type { UnlockResult } from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import type { LockSubmission } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { davErrorOf, readResponseBody, statusError } from './read-dav-answer.ts'

/** Options of an UNLOCK. */
export interface UnlockOptions extends RequestOptions {}

/**
 * UNLOCK (RFC 4918 section 9.11): release `lock` (the grant `lock` returned, or its token) on
 * `target` (the lock root or a resource it covers). A token that is not a lock there (expired, released, wrong resource) is
 * `not-locked` (409 per RFC 4918, 400 from Apache, or 412). UNLOCK is idempotent and retried per the policy.
 */
export async function unlock(
  context: MethodContext,
  target: DavTarget,
  lock: string | LockSubmission,
  options: UnlockOptions = {},
): Promise<UnlockResult> {
  const token = typeof lock === 'string' ? lock : lock.token
  if (!/^[^\s<>]+$/.test(token)) throw new InvalidRequestError(`lock token ${JSON.stringify(token)} is not a URI`)
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  headers.set('lock-token', `<${token}>`)
  const response = await context.pipeline.send({ method: 'UNLOCK', url, headers, signal: options.signal })
  const { status, attempts } = response
  const reading = readResponseBody(response)
  const error = davErrorOf(reading)
  if (status >= 200 && status < 300) return { kind: 'unlocked', status, attempts }
  // Apache mod_dav answers 400 to a token that is not one of the resource's locks; the header
  // itself was checked above, so a 400 means the same as the RFC's 409 here.
  if (status === 409 || status === 412 || status === 400) return { kind: 'not-locked', status, attempts, error }
  if (status === 403) return { kind: 'forbidden', status, attempts, error }
  throw statusError(response, reading)
}
