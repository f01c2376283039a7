import type {
  ContentConflict,
  ContentFailedDependency,
  ContentForbidden,
  ContentInsufficientStorage,
  ContentLocked,
  DavError,
  EntityHeaders,
  MemberFailure,
  MultiStatus,
  MultiStatusResponse,
  ParsedStatus,
  WritePartial,
} from '@davkit/types'
import type { DavkitError } from '../errors/davkit-error.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { RequestTimeoutError } from '../errors/request-timeout-error.ts'
import { TransportError } from '../errors/transport-error.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { parseHttpDate } from '../properties/http-date.ts'

/** The `ETag`, `Content-Type` and `Last-Modified` of an answer. */
export function entityHeadersOf(response: { readonly headers: Headers }): EntityHeaders {
  const modified = response.headers.get('last-modified')
  const date = modified === null ? undefined : parseHttpDate(modified)
  return {
    etag: response.headers.get('etag') ?? undefined,
    contentType: response.headers.get('content-type') ?? undefined,
    lastModified: date,
  }
}

/** The hrefs of the lock conditions of a `DAV:error` (`lock-token-submitted`, `no-conflicting-lock`). */
export function lockedHrefsOf(error: DavError | undefined): string[] {
  if (error === undefined) return []
  return error.conditions
    .filter((c) => c.name.namespace === 'DAV:' && (c.name.local === 'lock-token-submitted' || c.name.local === 'no-conflicting-lock'))
    .flatMap((c) => c.hrefs)
}

const MISSING_STATUS: ParsedStatus = { kind: 'status-problem', problem: 'missing', line: undefined }

/**
 * Every member a multistatus reports as failed (any non-2xx status or unusable status), in
 * document order: the members a DELETE, COPY, MOVE or LOCK of a collection could not act on.
 */
export function memberFailuresOf(responses: readonly MultiStatusResponse[]): MemberFailure[] {
  const failures: MemberFailure[] = []
  for (const response of responses) {
    const detail = { error: response.error, description: response.description }
    if (response.kind === 'status') {
      if (response.status.kind === 'status' && response.status.class === 'success') continue
      for (const href of response.hrefs) failures.push({ href, status: response.status, ...detail })
    } else if (response.kind === 'propstat') {
      const bad = response.propstats.find((p) => p.status.kind !== 'status' || p.status.class !== 'success')
      if (bad !== undefined) failures.push({ href: response.href, status: bad.status, ...detail })
    } else {
      for (const href of response.hrefs) failures.push({ href, status: MISSING_STATUS, ...detail })
    }
  }
  return failures
}

/** What a multistatus sent with a write means: the method's `locked`, `failed-dependency` or `partial`. */
export type MultistatusFailure = ContentLocked | ContentFailedDependency | WritePartial

const codeOf = (failure: MemberFailure): number | undefined => (failure.status.kind === 'status' ? failure.status.code : undefined)

/** Whether `href` is one of `targets` or a collection above one of them (a lock there covers the target). */
function atOrAbove(href: MemberFailure['href'], targets: readonly URL[]): boolean {
  if (href.url === undefined) return false
  let url: URL
  try {
    url = new URL(href.url)
  } catch {
    return false
  }
  const path = url.pathname.replace(/\/+$/, '')
  return targets.some((t) => {
    const target = t.pathname.replace(/\/+$/, '')
    return t.origin === url.origin && (target === path || target.startsWith(`${path}/`))
  })
}

/**
 * Maps a multistatus answering a write of `targets` (the request URL, and a COPY or MOVE
 * destination) to an outcome, whatever status carried it (Apache sends 207, 423 or 424):
 * - a `423 Locked` on a target or a collection above one: `locked`, naming every 423 href and the
 *   `lock-token-submitted` hrefs; nothing was done;
 * - only `424 Failed Dependency`: `failed-dependency`;
 * - any other failure (a locked member below the target, a parent whose `If` did not hold): `partial`.
 * `undefined` when every member succeeded under a 2xx status.
 */
export function multistatusOutcome(
  multistatus: MultiStatus,
  status: number,
  attempts: number,
  targets: readonly URL[],
): MultistatusFailure | undefined {
  const failures = memberFailuresOf(multistatus.responses)
  if (failures.length === 0 && status >= 200 && status < 300) return undefined
  const description = multistatus.description
  const locks = failures.filter((f) => codeOf(f) === 423)
  if (locks.some((f) => atOrAbove(f.href, targets)) || (failures.length === 0 && status === 423)) {
    const lockedHrefs = [...new Set([...locks.map((f) => f.href.raw), ...failures.flatMap((f) => lockedHrefsOf(f.error))])]
    return { kind: 'locked', status, attempts, error: locks[0]?.error, lockedHrefs, failures, description }
  }
  if (failures.length === 0 ? status === 424 : failures.every((f) => codeOf(f) === 424)) {
    return {
      kind: 'failed-dependency',
      status,
      attempts,
      error: failures[0]?.error,
      failures,
      responses: multistatus.responses,
      description,
    }
  }
  return { kind: 'partial', status, attempts, failures, responses: multistatus.responses, description }
}

/** The `locked` outcome of a plain 423 (no multistatus): `lockedHrefs` from its `DAV:error`. */
export function lockedOutcome(status: number, attempts: number, error: DavError | undefined): ContentLocked {
  return { kind: 'locked', status, attempts, error, lockedHrefs: lockedHrefsOf(error), failures: [], description: undefined }
}

/**
 * Whether an earlier attempt may have reached the server and been carried out (no answer, a
 * timeout, a 502 or 504), so that a later "not there" may be that attempt's doing.
 */
export function mayHaveBeenCarriedOut(failure: DavkitError): boolean {
  if (failure instanceof TransportError || failure instanceof RequestTimeoutError) return true
  return failure instanceof HttpStatusError && (failure.status === 502 || failure.status === 504)
}

/** A write refused for a reason PUT and MKCOL share: 409, 423, 424, 403, 507; `undefined` for other statuses. */
export type WriteRefusal = ContentConflict | ContentLocked | ContentFailedDependency | ContentForbidden | ContentInsufficientStorage

/** The outcome of a write answered 409, 423, 424, 403 or 507 (RFC 4918 sections 9.3.1, 9.7.1); `undefined` otherwise. */
export function writeRefusal(status: number, attempts: number, error: DavError | undefined): WriteRefusal | undefined {
  switch (status) {
    case 409:
      return { kind: 'conflict', status, attempts, error }
    case 423:
      return lockedOutcome(status, attempts, error)
    case 424:
      return { kind: 'failed-dependency', status, attempts, error, failures: [], responses: [], description: undefined }
    case 403:
      return { kind: 'forbidden', status, attempts, error }
    case 507:
      return { kind: 'insufficient-storage', status, attempts, error }
  }
  return undefined
}

/** A non-negative integer header value, or `undefined` (also beyond `Number.MAX_SAFE_INTEGER`, where it would be rounded). */
export function integerHeader(response: DavResponse | { readonly headers: Headers }, name: string): number | undefined {
  const value = response.headers.get(name)?.trim()
  if (value === undefined || !/^\d+$/.test(value)) return undefined
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : undefined
}
