import type {
  MultiStatusResponse,
  PropRequest,
  PropfindDepth,
  PropfindEntry,
  PropfindResource,
  PropfindResult,
  PropertyResults,
  QName,
  RawProperty,
} from '@davkit/types'
import { DepthRefusedError } from '../errors/depth-refused-error.ts'
import type { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { DavRequest, DavResponse } from '../http/request-pipeline.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { propertiesDecoder } from '../properties/decode-property.ts'
import { buildPropfindBody, type PropfindBodyRequest } from '../xml/build-propfind.ts'
import type { MethodContext } from './method-context.ts'
import { sendAndRead, statusError, undecodableError, type BodyReading } from './read-dav-answer.ts'

interface PropfindCommonOptions extends RequestOptions {
  /** `0` (the resource), `1` (and its members) or `'infinity'` (the whole tree). Default `0`. */
  readonly depth?: PropfindDepth
}

/** Ask for named properties, each by the codec that decodes it. */
export interface PropfindPropOptions<P extends PropRequest> extends PropfindCommonOptions {
  readonly props: P
  readonly allprop?: never
  readonly propname?: never
}

/** Ask for all dead properties and the live ones the server sees fit, plus `include`d ones decoded by their codecs. */
export interface PropfindAllpropOptions<P extends PropRequest> extends PropfindCommonOptions {
  readonly allprop: true
  readonly include?: P
  readonly props?: never
  readonly propname?: never
}

/** Ask for the names of the properties only: read them from each resource's `properties`. */
export interface PropfindPropnameOptions extends PropfindCommonOptions {
  readonly propname: true
  readonly props?: never
  readonly allprop?: never
}

/** Any PROPFIND request. */
export type PropfindOptions<P extends PropRequest> = PropfindPropOptions<P> | PropfindAllpropOptions<P> | PropfindPropnameOptions

/** Options of a PROPFIND without named properties: `allprop`, at depth 0 (default) or 1. */
export interface PropfindDefaultOptions extends RequestOptions {
  readonly depth?: 0 | 1
}

function uniqueNames(codecs: PropRequest): QName[] {
  const names: QName[] = []
  for (const codec of Object.values(codecs)) {
    if (!names.some((n) => n.namespace === codec.name.namespace && n.local === codec.name.local)) names.push(codec.name)
  }
  return names
}

function depthHeader(depth: PropfindDepth | undefined): string {
  const value = depth ?? 0
  if (value !== 0 && value !== 1 && value !== 'infinity') {
    throw new InvalidRequestError(`PROPFIND depth must be 0, 1 or 'infinity', got ${String(value)}`)
  }
  return String(value)
}

/** Turns decoded responses into PROPFIND entries: a resource's properties go through the codecs. */
export function entryMaker<P extends PropRequest>(codecs: P): (response: MultiStatusResponse) => PropfindEntry<P> {
  const decode = propertiesDecoder(codecs) as (properties: readonly RawProperty[]) => PropertyResults<P>
  return (response) => toEntry(decode, response)
}

function toEntry<P extends PropRequest>(
  decode: (properties: readonly RawProperty[]) => PropertyResults<P>,
  response: MultiStatusResponse,
): PropfindEntry<P> {
  if (response.kind !== 'propstat') return response
  const resource: PropfindResource<P> = {
    kind: 'resource',
    href: response.href,
    props: decode(response.properties),
    properties: response.properties,
    error: response.error,
    description: response.description,
    location: response.location,
  }
  return resource
}

/** A PROPFIND ready to send: the codecs that decode its answer and the request itself. */
export interface PreparedPropfind<P extends PropRequest> {
  readonly codecs: P
  readonly request: DavRequest
}

/**
 * Checks the options and builds the request of a PROPFIND (body, `Depth`), without sending it.
 * @throws {InvalidRequestError} on options that cannot make a request.
 */
export function preparePropfind<P extends PropRequest>(
  context: MethodContext,
  target: DavTarget,
  options: PropfindOptions<P>,
): PreparedPropfind<P> {
  let codecs: P
  let body: PropfindBodyRequest
  if (options.propname === true) {
    codecs = {} as P
    body = { kind: 'propname' }
  } else if (options.allprop === true) {
    codecs = options.include ?? ({} as P)
    body = { kind: 'allprop', include: uniqueNames(codecs) }
  } else if (options.props !== undefined) {
    codecs = options.props
    body = { kind: 'prop', names: uniqueNames(codecs) }
    if (body.names.length === 0) throw new InvalidRequestError('PROPFIND props must name at least one property')
  } else {
    throw new InvalidRequestError('PROPFIND needs props, allprop or propname')
  }
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  headers.set('depth', depthHeader(options.depth))
  return { codecs, request: { method: 'PROPFIND', url, headers, body: buildPropfindBody(body), signal: options.signal } }
}

/**
 * The error for a PROPFIND answered with a status other than 2xx: a refused `Depth: infinity` (a
 * `propfind-finite-depth` condition, or a bare 403 to a depth-infinity request as Apache sends)
 * is a `DepthRefusedError`, anything else an `HttpStatusError` with its `DAV:error` attached.
 */
export function propfindStatusError(
  response: DavResponse,
  reading: BodyReading<unknown>,
  depth: PropfindDepth | undefined,
): HttpStatusError {
  const error = statusError(response, reading)
  const finiteDepth = error.hasCondition('propfind-finite-depth')
  if (finiteDepth || (response.status === 403 && depth === 'infinity' && error.davError === undefined)) {
    return new DepthRefusedError(`${error.message}: Depth infinity refused`, {
      request: response.request,
      response: response.summary,
      attempts: response.attempts,
      status: response.status,
      evidence: finiteDepth ? 'propfind-finite-depth' : 'status-403',
      davError: error.davError,
    })
  }
  return error
}

/**
 * PROPFIND (RFC 4918 section 9.1) with named properties: each result's `props` has one key per
 * codec, typed by it. The request is encoded, sent, and the 207 decoded into typed results.
 *
 * A 207 (or another 2xx carrying a multistatus) is a result. A refused `Depth: infinity` is a
 * `DepthRefusedError`. Any other status is an `HttpStatusError` with its `DAV:error` attached. A
 * body that is not a multistatus (an HTML login page with 200) is an `UndecodableResponseError`.
 *
 * @example
 * const dav = createDavConnection('https://files.example.com/dav/', { username: 'alice', password: 'secret' })
 * const listing = await propfind(dav, 'Documents/', { depth: 1, props: { size: davGetContentLength } })
 * for (const r of listing.resources) if (r.props.size.kind === 'value') console.log(r.href.path, r.props.size.value)
 */
export function propfind<const P extends PropRequest>(
  connection: MethodContext,
  target: DavTarget,
  options: PropfindPropOptions<P>,
): Promise<PropfindResult<P>>
/** PROPFIND `allprop`, with `include`d properties decoded by their codecs; everything reported is in `properties`. */
export function propfind<const P extends PropRequest = {}>(
  connection: MethodContext,
  target: DavTarget,
  options: PropfindAllpropOptions<P>,
): Promise<PropfindResult<P>>
/** PROPFIND `propname`: each resource's `properties` holds the names (with empty values). */
export function propfind(connection: MethodContext, target: DavTarget, options: PropfindPropnameOptions): Promise<PropfindResult<{}>>
/**
 * PROPFIND `allprop` of the resource alone (`Depth: 0`), or with its members (`depth: 1`);
 * everything reported is in each resource's `properties`. `Depth: infinity` needs the explicit
 * forms above, so that a whole tree is never asked for by accident.
 */
export function propfind(connection: MethodContext, target: DavTarget, options?: PropfindDefaultOptions): Promise<PropfindResult<{}>>
// async: a refused option (a depth, no props) rejects the promise, as every other bad request does.
export async function propfind<P extends PropRequest>(
  context: MethodContext,
  target: DavTarget,
  given: PropfindOptions<P> | PropfindDefaultOptions = {},
): Promise<PropfindResult<P>> {
  const options = withDefaultBody(given)
  const { codecs, request } = preparePropfind(context, target, options)
  const { response, reading } = await sendAndRead(context, request, entryMaker(codecs))
  if (response.status < 200 || response.status >= 300) throw propfindStatusError(response, reading, options.depth)
  if (reading.kind !== 'multistatus') throw undecodableError(response, reading)
  const responses = reading.multistatus.responses
  return {
    responses,
    resources: responses.filter((r): r is PropfindResource<P> => r.kind === 'resource'),
    description: reading.multistatus.description,
    status: response.status,
    attempts: response.attempts,
  }
}

/** Options without `props`, `allprop` or `propname` ask for `allprop`, never beyond depth 1. */
function withDefaultBody<P extends PropRequest>(options: PropfindOptions<P> | PropfindDefaultOptions): PropfindOptions<P> {
  const named = options as { readonly props?: unknown; readonly allprop?: unknown; readonly propname?: unknown }
  if (named.props !== undefined || named.allprop === true || named.propname === true) return options as PropfindOptions<P>
  const depth: unknown = options.depth
  if (depth !== undefined && depth !== 0 && depth !== 1) {
    throw new InvalidRequestError(
      `PROPFIND without props asks for depth 0 or 1, got ${String(depth)}; for a whole tree pass { allprop: true, depth: 'infinity' }`,
    )
  }
  return { ...options, allprop: true } as unknown as PropfindOptions<P>
}
