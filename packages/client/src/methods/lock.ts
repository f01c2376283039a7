import type { ActiveLock, LockResult, LockScope, XmlElement, XmlNode } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { UndecodableResponseError } from '../errors/undecodable-response-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { resolveHref } from '../multistatus/resolve-href.ts'
import { parseLockDiscovery } from '../properties/lock-lists.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { buildLockBody } from '../xml/build-lock.ts'
import { parseXmlDocument } from '../xml/parse-xml-document.ts'
import { lockedHrefsOf, memberFailuresOf } from './content-outcomes.ts'
import { lockIfHeader, type LockSubmission } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { davErrorOf, readResponseBody, statusError, undecodableError } from './read-dav-answer.ts'

/** How long a lock should last: seconds, or `'infinite'`. The server may grant another duration. */
export type LockTimeoutRequest = number | 'infinite'

/** Options of a new LOCK. */
export interface LockOptions extends RequestOptions {
  /** `exclusive` (the default) or `shared`. */
  readonly scope?: LockScope
  /** `0` locks the resource alone; `'infinity'` (the default, RFC 4918) a collection and all its members. */
  readonly depth?: 0 | 'infinity'
  /** Requested duration (`Timeout` header). Default: none asked, the server decides. */
  readonly timeout?: LockTimeoutRequest
  /** `DAV:owner`: text, or XML (e.g. a `DAV:href` element with a contact URL). */
  readonly owner?: string | readonly XmlNode[]
}

/** Options of a lock refresh. */
export interface RefreshLockOptions extends RequestOptions {
  /** Requested new duration. */
  readonly timeout?: LockTimeoutRequest
}

function timeoutHeader(timeout: LockTimeoutRequest): string {
  if (timeout === 'infinite') return 'Infinite'
  if (!Number.isSafeInteger(timeout) || timeout <= 0 || timeout > 0xffffffff) {
    throw new InvalidRequestError(`lock timeout must be a positive whole number of seconds or 'infinite', got ${String(timeout)}`)
  }
  return `Second-${timeout}`
}

function tokenFromHeader(value: string | null): string | undefined {
  if (value === null) return undefined
  const match = /^\s*<([^<>\s]+)>\s*$/.exec(value) ?? /^\s*([^<>\s]+)\s*$/.exec(value)
  return match?.[1]
}

function lockdiscoveryOf(root: XmlElement): XmlElement | undefined {
  if (root.name.namespace === 'DAV:' && root.name.local === 'lockdiscovery') return root
  for (const child of root.children) {
    if (child.kind === 'element' && child.name.namespace === 'DAV:' && child.name.local === 'lockdiscovery') return child
  }
  return undefined
}

/** The active locks of a LOCK answer's `DAV:prop/DAV:lockdiscovery`, or why there are none. */
function readDiscovery(response: DavResponse): { locks: ActiveLock[]; problem: string | undefined } {
  if (response.body.byteLength === 0) return { locks: [], problem: 'the answer had no body' }
  let root: XmlElement
  try {
    root = parseXmlDocument(response.body, { contentType: response.headers.get('content-type') ?? undefined })
  } catch (cause) {
    if (cause instanceof DecodeError) return { locks: [], problem: `the body could not be decoded (${cause.failure.code})` }
    throw cause
  }
  const discovery = lockdiscoveryOf(root)
  if (discovery === undefined) return { locks: [], problem: 'the body has no DAV:lockdiscovery' }
  const parsed = parseLockDiscovery(discovery)
  return parsed.ok ? { locks: parsed.value, problem: undefined } : { locks: [], problem: parsed.problem }
}

function outcome(context: MethodContext, response: DavResponse, knownToken: string | undefined): LockResult {
  const { status, attempts } = response
  if (status === 200 || status === 201) {
    const { locks, problem } = readDiscovery(response)
    const token = tokenFromHeader(response.headers.get('lock-token')) ?? knownToken ?? (locks.length === 1 ? locks[0]?.token : undefined)
    if (token === undefined) {
      throw new UndecodableResponseError(`LOCK ${response.summary.url}: ${status} without a lock token`, {
        request: response.request,
        response: response.summary,
        attempts,
        failure: { code: 'empty-body' },
      })
    }
    const lock = locks.find((l) => l.token === token)
    return {
      kind: 'granted',
      status,
      attempts,
      token,
      root: resolveHref(lock?.root ?? new URL(response.url).pathname, response.url),
      lock,
      discovery: locks,
      created: status === 201,
      discoveryProblem: problem,
    }
  }
  const reading = readResponseBody(response)
  const error = davErrorOf(reading)
  if (reading.kind === 'multistatus') {
    return {
      kind: 'partial',
      status,
      attempts,
      failures: memberFailuresOf(reading.multistatus.responses),
      responses: reading.multistatus.responses,
    }
  }
  if (status === 207) throw undecodableError(response, reading)
  switch (status) {
    case 423:
      return { kind: 'locked', status, attempts, error, lockedHrefs: lockedHrefsOf(error) }
    case 412:
      return { kind: 'precondition-failed', status, attempts, error }
    case 409:
      return { kind: 'conflict', status, attempts, error }
  }
  throw statusError(response, reading)
}

/**
 * LOCK (RFC 4918 section 9.10): take a write lock. LOCK is not idempotent and is never retried
 * automatically (a retried LOCK could leave an orphan lock behind). Submit the token with
 * `lockToken` on writes, refresh it with {@link refreshLock}, release it with UNLOCK.
 */
export async function lock(context: MethodContext, target: DavTarget, options: LockOptions = {}): Promise<LockResult> {
  const scope = options.scope ?? 'exclusive'
  if (scope !== 'exclusive' && scope !== 'shared') throw new InvalidRequestError(`lock scope must be 'exclusive' or 'shared'`)
  const depth = options.depth ?? 'infinity'
  if (depth !== 0 && depth !== 'infinity') throw new InvalidRequestError(`lock depth must be 0 or 'infinity'`)
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  headers.set('depth', String(depth))
  if (options.timeout !== undefined) headers.set('timeout', timeoutHeader(options.timeout))
  const response = await context.pipeline.send({
    method: 'LOCK',
    url,
    headers,
    body: buildLockBody({ scope, owner: options.owner }),
    signal: options.signal,
  })
  return outcome(context, response, undefined)
}

/**
 * Refreshes a lock (a LOCK without a body, the token in an `If` header), resetting its timeout.
 * `target` is the lock root or any resource it covers; `lock` the grant `lock` returned, or its
 * token. A token the server no longer knows is `precondition-failed`.
 */
export async function refreshLock(
  context: MethodContext,
  target: DavTarget,
  lock: string | LockSubmission,
  options: RefreshLockOptions = {},
): Promise<LockResult> {
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  // Tagged (with the lock root of a grant, else the target): an untagged list would be checked
  // against the parent as well.
  headers.set('if', lockIfHeader(context.pipeline.baseUrl, url, lock))
  const token = typeof lock === 'string' ? lock : lock.token
  if (options.timeout !== undefined) headers.set('timeout', timeoutHeader(options.timeout))
  const response = await context.pipeline.send({ method: 'LOCK', url, headers, signal: options.signal })
  return outcome(context, response, token)
}
