import type { PropfindEntry, ProppatchInstruction, ProppatchResult, PropRequest, PropfindResult, TransferResult } from '@davkit/types'
import { InvalidRequestError } from './errors/invalid-request-error.ts'
import type { DavClientOptions, RequestOptions } from './http/client-options.ts'
import { createRequestPipeline, type RequestPipeline } from './http/request-pipeline.ts'
import type { MethodContext } from './methods/method-context.ts'
import { propfind, type PropfindAllpropOptions, type PropfindPropOptions, type PropfindPropnameOptions } from './methods/propfind.ts'
import { propfindEach, type PropfindEachLimits, type PropfindEachOptions } from './methods/propfind-each.ts'
import { proppatch, type ProppatchOptions } from './methods/proppatch.ts'
import { transfer, type CopyOptions, type MoveOptions } from './methods/transfer.ts'
import { contentMethods, type DavContentMethods } from './methods/content-methods.ts'
import type { DavTarget } from './paths/resolve-target.ts'

/** Options of a PROPFIND without named properties: `allprop`, at depth 0 (default) or 1. */
export interface PropfindDefaultOptions extends RequestOptions {
  readonly depth?: 0 | 1
}

/** The client options after the base URL, for `createDavClient(url, options)`. */
export interface DavClientUrlOptions extends Omit<DavClientOptions, 'baseUrl'>, FlatCredentials {
  readonly baseUrl?: never
}

/**
 * Basic credentials given flat, as the `webdav` package takes them: the same as
 * `auth: { username, password }`, which they cannot be combined with.
 */
export interface FlatCredentials {
  readonly username?: string
  readonly password?: string
}

/** A WebDAV client bound to one base URL. Every method takes an `AbortSignal` in its options. */
export interface DavClient extends DavContentMethods {
  /** The normalised base URL (its path ends with `/`). */
  readonly baseUrl: URL
  /** The request pipeline, for methods built on top of the client. */
  readonly pipeline: RequestPipeline

  /**
   * PROPFIND with named properties: each result's `props` has one key per codec, typed by it.
   *
   * @example
   * const listing = await dav.propfind('Documents/', {
   *   depth: 1,
   *   props: { size: davProps.getcontentlength, modified: davProps.getlastmodified },
   * })
   * for (const r of listing.resources) if (r.props.size.kind === 'value') console.log(r.href.path, r.props.size.value)
   */
  propfind<const P extends PropRequest>(target: DavTarget, options: PropfindPropOptions<P>): Promise<PropfindResult<P>>
  /** PROPFIND `allprop`, with `include`d properties decoded by their codecs; everything reported is in `properties`. */
  propfind<const P extends PropRequest = {}>(target: DavTarget, options: PropfindAllpropOptions<P>): Promise<PropfindResult<P>>
  /** PROPFIND `propname`: each resource's `properties` holds the names (with empty values). */
  propfind(target: DavTarget, options: PropfindPropnameOptions): Promise<PropfindResult<{}>>
  /**
   * PROPFIND `allprop` of the resource alone (`Depth: 0`), or with its members (`depth: 1`);
   * everything reported is in each resource's `properties`. `Depth: infinity` needs the explicit
   * forms above, so that a whole tree is never asked for by accident.
   *
   * @example
   * const self = await dav.propfind('Documents/')
   */
  propfind(target: DavTarget, options?: PropfindDefaultOptions): Promise<PropfindResult<{}>>

  /**
   * PROPFIND decoded as the answer arrives: each entry is handed out as soon as its response has
   * been read, and none is kept. Leaving the loop early cancels the body.
   * A failure mid-body rejects the iteration with a typed error; entries already handed out stay valid.
   *
   * @example
   * for await (const entry of dav.propfindEach('Photos/', { depth: 1, props: { size: davProps.getcontentlength } })) {
   *   if (entry.kind === 'resource' && entry.props.size.kind === 'value') total += entry.props.size.value
   * }
   */
  propfindEach<const P extends PropRequest>(
    target: DavTarget,
    options: PropfindPropOptions<P> & PropfindEachLimits,
  ): AsyncIterable<PropfindEntry<P>>
  /** {@link DavClient.propfindEach} with `allprop`. */
  propfindEach<const P extends PropRequest = {}>(
    target: DavTarget,
    options: PropfindAllpropOptions<P> & PropfindEachLimits,
  ): AsyncIterable<PropfindEntry<P>>
  /** {@link DavClient.propfindEach} with `propname`. */
  propfindEach(target: DavTarget, options: PropfindPropnameOptions & PropfindEachLimits): AsyncIterable<PropfindEntry<{}>>

  /**
   * PROPPATCH: set and remove properties, in order; the result tells whether the update applied.
   *
   * @example
   * const result = await dav.proppatch('a.txt', [setProperty(davProps.displayname, 'Report')])
   * if (result.kind === 'rejected') console.log(result.failed.map((f) => f.status.code))
   */
  proppatch(target: DavTarget, instructions: readonly ProppatchInstruction[], options?: ProppatchOptions): Promise<ProppatchResult>

  /**
   * COPY `from` to `to` (a path, URL or href; same origin unless `allowCrossOrigin`).
   *
   * @example
   * const result = await dav.copy('a.txt', 'b.txt', { overwrite: false })
   * if (result.kind === 'precondition-failed') console.log('b.txt exists')
   */
  copy(from: DavTarget, to: DavTarget, options?: CopyOptions): Promise<TransferResult>

  /**
   * MOVE `from` to `to`. When a MOVE is retried after an attempt whose fate is unknown (no answer,
   * timeout, 502/504), that attempt may have moved the resource already: a final 404 or 412 is
   * then reported as `uncertain` with the earlier failures, not as a plain failure.
   */
  move(from: DavTarget, to: DavTarget, options?: MoveOptions): Promise<TransferResult>
}

// The client over a pipeline made from checked options.
function clientOf(options: DavClientOptions): DavClient {
  const pipeline = createRequestPipeline(options)
  const context: MethodContext = { pipeline }
  return {
    ...contentMethods(context),
    baseUrl: pipeline.baseUrl,
    pipeline,
    // async: a refused depth rejects the promise, as every other bad request does.
    propfind: (async (target: DavTarget, propfindOptions: PropfindPropOptions<PropRequest> | PropfindDefaultOptions = {}) =>
      propfind(context, target, withDefaultBody(propfindOptions))) as DavClient['propfind'],
    propfindEach: ((target: DavTarget, eachOptions: PropfindEachOptions<PropRequest>) =>
      propfindEach(context, target, eachOptions)) as DavClient['propfindEach'],
    proppatch: (target, instructions, proppatchOptions) => proppatch(context, target, instructions, proppatchOptions),
    copy: (from, to, copyOptions = {}) => transfer(context, 'COPY', from, to, copyOptions),
    move: (from, to, moveOptions = {}) => {
      const { depth: _ignored, ...rest } = moveOptions as CopyOptions
      return transfer(context, 'MOVE', from, to, rest)
    },
  }
}

/** Options without `props`, `allprop` or `propname` ask for `allprop`, never beyond depth 1. */
function withDefaultBody(options: PropfindPropOptions<PropRequest> | PropfindDefaultOptions): PropfindPropOptions<PropRequest> {
  const named = options as { readonly props?: unknown; readonly allprop?: unknown; readonly propname?: unknown }
  if (named.props !== undefined || named.allprop === true || named.propname === true) return options as PropfindPropOptions<PropRequest>
  const depth: unknown = options.depth
  if (depth !== undefined && depth !== 0 && depth !== 1) {
    throw new InvalidRequestError(
      `PROPFIND without props asks for depth 0 or 1, got ${String(depth)}; for a whole tree pass { allprop: true, depth: 'infinity' }`,
    )
  }
  return { ...options, allprop: true } as unknown as PropfindPropOptions<PropRequest>
}

/** The full options, from either call shape; flat credentials become `auth`. */
function normaliseOptions(first: DavClientOptions | string | URL, rest: DavClientUrlOptions | undefined): DavClientOptions {
  if (typeof first !== 'string' && !(first instanceof URL)) {
    if (first === null || typeof first !== 'object') {
      throw new InvalidRequestError('createDavClient takes (url, options?) or ({ baseUrl, auth: { username, password } })')
    }
    return withFlatCredentials(first as DavClientOptions & FlatCredentials)
  }
  if (rest !== undefined && rest.baseUrl !== undefined) {
    throw new InvalidRequestError('createDavClient(url, options): give the base URL once, not baseUrl in the options too')
  }
  return withFlatCredentials({ ...rest, baseUrl: first })
}

function withFlatCredentials(options: DavClientOptions & FlatCredentials): DavClientOptions {
  const { username, password, ...rest } = options
  if (username === undefined && password === undefined) return rest
  // Never the values themselves in the message: only the shape.
  if (rest.auth !== undefined) {
    throw new InvalidRequestError('give credentials once: either auth: { username, password } or username and password, not both')
  }
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new InvalidRequestError('flat credentials need both username and password as strings (or use auth: { username, password })')
  }
  return { ...rest, auth: { username, password } }
}

/**
 * Creates a WebDAV client. Paths are relative to the base URL and percent-encoded by davkit;
 * credentials are only ever sent to the base URL's origin. The base URL comes first or inside
 * the options; Basic credentials go in `auth`, or flat as `username` and `password`.
 *
 * @example
 * const dav = createDavClient({
 *   baseUrl: 'https://files.example.com/remote.php/dav/files/alice/',
 *   auth: { username: 'alice', password: 'secret' },
 *   retry: { retries: 3 },
 * })
 * const same = createDavClient('https://files.example.com/remote.php/dav/files/alice/', { username: 'alice', password: 'secret' })
 */
export function createDavClient(options: DavClientOptions & FlatCredentials): DavClient
export function createDavClient(baseUrl: string | URL, options?: DavClientUrlOptions): DavClient
export function createDavClient(first: (DavClientOptions & FlatCredentials) | string | URL, rest?: DavClientUrlOptions): DavClient {
  return clientOf(normaliseOptions(first, rest))
}
