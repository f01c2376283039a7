import type { MkcolResult } from '@davkit/types'
import { HttpStatusError } from '../errors/http-status-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { decodePath } from '../multistatus/resolve-href.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { buildPropfindBody } from '../xml/build-propfind.ts'
import { mayHaveBeenCarriedOut, multistatusOutcome, writeRefusal } from './content-outcomes.ts'
import { applyLockTokens, type LockTokens } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { davErrorOf, readResponseBody, statusError } from './read-dav-answer.ts'

/** Options of a MKCOL. */
export interface MkcolOptions extends RequestOptions {
  /**
   * Create missing parent collections first (only those below the base URL). Without it a
   * missing parent is `conflict`.
   */
  readonly parents?: boolean
  /** Locks to submit (a tagged `If` header) when the parent is locked: the grant `lock` returned, or `{ token, root }`. */
  readonly lockToken?: LockTokens
}

async function mkcolOnce(context: MethodContext, url: URL, options: MkcolOptions): Promise<MkcolResult> {
  const headers = new Headers(options.headers)
  applyLockTokens(headers, context.pipeline.baseUrl, [url, options.lockToken])
  const response = await context.pipeline.send({ method: 'MKCOL', url, headers, signal: options.signal })
  const { status, attempts } = response
  const reading = readResponseBody(response)
  // Apache answers a MKCOL in a locked collection with a multistatus (the member 424, the collection 423).
  if (reading.kind === 'multistatus') {
    const failed = multistatusOutcome(reading.multistatus, status, attempts, [url])
    if (failed !== undefined) return failed
  }
  const error = davErrorOf(reading)
  switch (status) {
    case 200:
    case 201:
    case 204:
      return { kind: 'created', status, attempts, createdParents: [] }
    case 405:
      // An earlier attempt that may have been carried out probably made what is there now.
      if (response.earlierFailures.some(mayHaveBeenCarriedOut)) {
        return { kind: 'uncertain', status, attempts, earlierFailures: response.earlierFailures }
      }
      return { kind: 'already-exists', status, attempts }
    case 415:
      return { kind: 'unsupported-media-type', status, attempts }
  }
  const refusal = writeRefusal(status, attempts, error)
  if (refusal !== undefined) return refusal
  throw statusError(response, reading)
}

/** Whether a PROPFIND answer shows the resource: a multistatus with a propstat response holding a 2xx propstat. */
function probeFound(context: MethodContext, probe: DavResponse): boolean {
  if (probe.status !== 207 && probe.status !== 200) return false
  const reading = readResponseBody(probe)
  if (reading.kind !== 'multistatus') return false
  return reading.multistatus.responses.some(
    (r) => r.kind === 'propstat' && r.propstats.some((p) => p.status.kind === 'status' && p.status.class === 'success'),
  )
}

/**
 * A 400 or 404 to MKCOL at `name/` when `name` is a file (Apache answers 400; servers that map no
 * file at a collection URL, 404): look at `name` without the slash, and call it `already-exists`
 * when the PROPFIND shows something there. When nothing is there, a 404 is a missing parent
 * (`conflict`) with `parents`, so that the parents get created. Any other failure is rethrown.
 */
async function fileInTheWay(context: MethodContext, url: URL, error: unknown, options: MkcolOptions): Promise<MkcolResult> {
  if (!(error instanceof HttpStatusError) || (error.status !== 404 && error.status !== 400)) throw error
  const plain = new URL(url.href)
  plain.pathname = plain.pathname.slice(0, -1)
  const headers = new Headers(options.headers)
  headers.set('depth', '0')
  const probe = await context.pipeline.send({
    method: 'PROPFIND',
    url: plain,
    headers,
    body: buildPropfindBody({ kind: 'prop', names: [{ namespace: 'DAV:', local: 'resourcetype' }] }),
    signal: options.signal,
  })
  if (probeFound(context, probe)) return { kind: 'already-exists', status: error.status, attempts: error.attempts }
  if (error.status === 404 && options.parents === true) {
    return { kind: 'conflict', status: error.status, attempts: error.attempts, error: undefined }
  }
  throw error
}

/** The collection URLs between the base URL (excluded) and `url` (excluded), outermost first. */
function parentsBelowBase(base: URL, url: URL): URL[] {
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return []
  const segments = url.pathname
    .slice(base.pathname.length)
    .split('/')
    .filter((s) => s !== '')
  const parents: URL[] = []
  for (let i = 1; i < segments.length; i++) parents.push(new URL(`${segments.slice(0, i).join('/')}/`, base))
  return parents
}

/**
 * MKCOL (RFC 4918 section 9.3). "Already exists" (405) and a missing parent (409) are told
 * apart; with `parents: true` the missing parents are created first, outermost first, and a
 * parent that appeared meanwhile (405) is fine. The URL gets a trailing slash (nginx needs it);
 * a file already at the slash-less URL, which servers answer with 400 or 404, is `already-exists`.
 */
export async function mkcol(context: MethodContext, target: DavTarget, options: MkcolOptions = {}): Promise<MkcolResult> {
  const base = context.pipeline.baseUrl
  const url = resolveTarget(base, target)
  const added = !url.pathname.endsWith('/')
  if (added) url.pathname += '/'
  const first = await mkcolOnce(context, url, options).catch((error: unknown) =>
    added ? fileInTheWay(context, url, error, options) : Promise.reject(error),
  )
  if (first.kind !== 'conflict' || options.parents !== true) return first
  const createdParents: string[] = []
  for (const parent of parentsBelowBase(base, url)) {
    const made = await mkcolOnce(context, parent, options)
    if (made.kind === 'created') createdParents.push(decodePath(parent.pathname.slice(base.pathname.length)).replace(/\/$/, ''))
    else if (made.kind !== 'already-exists' && made.kind !== 'uncertain') return made
  }
  const last = await mkcolOnce(context, url, options)
  return last.kind === 'created' ? { ...last, createdParents } : last
}
