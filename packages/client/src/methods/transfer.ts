import type { CopyDepth, TransferResult } from '@davkit/types'
import { CrossOriginError } from '../errors/cross-origin-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import { redactUrl } from '../http/redact.ts'
import { summarizeRequest } from '../http/summaries.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { lockedOutcome, mayHaveBeenCarriedOut, multistatusOutcome } from './content-outcomes.ts'
import { applyLockTokens, type LockTokens } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { davErrorOf, readResponseBody, statusError, undecodableError } from './read-dav-answer.ts'

/** Options shared by COPY and MOVE. */
export interface TransferOptions extends RequestOptions {
  /** `Overwrite: T` (replace an existing destination) or `F` (412 if it exists). Default: header omitted (the server assumes T). */
  readonly overwrite?: boolean
  /**
   * Allow a `Destination` on another origin than the base URL (a cross-server COPY/MOVE, which the
   * source server carries out). Default `false`: such a destination is refused with `CrossOriginError`.
   * Credentials are sent to the base URL's origin only, either way.
   */
  readonly allowCrossOrigin?: boolean
  /**
   * Locks on the source side (a MOVE of a locked resource, or out of a locked collection): the
   * grant `lock` returned, or `{ token, root }`; a bare token is tagged with the source URL.
   */
  readonly lockToken?: LockTokens
  /**
   * Locks on the destination side (a locked destination, or a locked collection it goes into);
   * a bare token is tagged with the destination URL.
   */
  readonly destinationLockToken?: LockTokens
}

/** Options of COPY. */
export interface CopyOptions extends TransferOptions {
  /** `0` copies a collection without its members; `'infinity'` (the default) copies the whole tree. */
  readonly depth?: CopyDepth
}

/** Options of MOVE (always the whole tree, RFC 4918 section 9.9.2). */
export interface MoveOptions extends TransferOptions {}

/**
 * COPY or MOVE: `Destination` as an absolute URL (same origin unless allowed), `Overwrite`, and
 * a result for each outcome RFC 4918 lists. Any XML multistatus body is decoded, whatever the
 * status, so a partial failure reported with a non-207 status is not missed.
 */
export async function transfer(
  context: MethodContext,
  method: 'COPY' | 'MOVE',
  source: DavTarget,
  destination: DavTarget,
  options: CopyOptions,
): Promise<TransferResult> {
  const base = context.pipeline.baseUrl
  const url = resolveTarget(base, source)
  const destinationUrl = resolveTarget(base, destination)
  const headers = new Headers(options.headers)
  headers.set('destination', destinationUrl.href)
  if (options.overwrite !== undefined) headers.set('overwrite', options.overwrite ? 'T' : 'F')
  if (method === 'COPY' && options.depth !== undefined) {
    if (options.depth !== 0 && options.depth !== 'infinity') {
      throw new InvalidRequestError(`COPY depth must be 0 or 'infinity', got ${String(options.depth)}`)
    }
    headers.set('depth', String(options.depth))
  }
  if (destinationUrl.origin !== base.origin && options.allowCrossOrigin !== true) {
    throw new CrossOriginError(
      `${method} destination ${redactUrl(destinationUrl)} is on another origin than ${base.origin}; pass allowCrossOrigin to allow it`,
      { request: summarizeRequest(method, url, headers), kind: 'destination', targetOrigin: destinationUrl.origin },
    )
  }
  applyLockTokens(headers, base, [url, options.lockToken], [destinationUrl, options.destinationLockToken])
  const response = await context.pipeline.send({ method, url, headers, signal: options.signal })
  const reading = readResponseBody(response)
  const { status, attempts } = response
  const error = davErrorOf(reading)

  if (reading.kind === 'multistatus') {
    return multistatusOutcome(reading.multistatus, status, attempts, [url, destinationUrl]) ?? { kind: 'succeeded', status, attempts }
  }
  if (status === 207) throw undecodableError(response, reading)

  const ambiguous = response.earlierFailures.filter(mayHaveBeenCarriedOut)
  const contradicts = status === 412 || (method === 'MOVE' && status === 404)
  if (ambiguous.length > 0 && contradicts) {
    return { kind: 'uncertain', status, attempts, error, earlierFailures: response.earlierFailures }
  }
  switch (status) {
    case 201:
      return { kind: 'created', status, attempts }
    case 204:
      return { kind: 'replaced', status, attempts }
    case 412:
      return { kind: 'precondition-failed', status, attempts, error }
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
  if (status >= 200 && status < 300) return { kind: 'succeeded', status, attempts }
  throw statusError(response, reading)
}

/**
 * COPY `from` to `to` (a path, URL or href; same origin unless `allowCrossOrigin`).
 *
 * @example
 * const result = await copy(dav, 'a.txt', 'b.txt', { overwrite: false })
 * if (result.kind === 'precondition-failed') console.log('b.txt exists')
 */
export function copy(connection: MethodContext, from: DavTarget, to: DavTarget, options: CopyOptions = {}): Promise<TransferResult> {
  return transfer(connection, 'COPY', from, to, options)
}

/**
 * MOVE `from` to `to`. When a MOVE is retried after an attempt whose fate is unknown (no answer,
 * timeout, 502/504), that attempt may have moved the resource already: a final 404 or 412 is
 * then reported as `uncertain` with the earlier failures, not as a plain failure.
 */
export function move(connection: MethodContext, from: DavTarget, to: DavTarget, options: MoveOptions = {}): Promise<TransferResult> {
  // A MOVE is always of the whole tree: a depth given anyway (from untyped code) is not sent.
  const { depth: _ignored, ...rest } = options as CopyOptions
  return transfer(connection, 'MOVE', from, to, rest)
}
