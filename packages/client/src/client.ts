import type { PropfindEntry, ProppatchInstruction, ProppatchResult, PropRequest, PropfindResult, TransferResult } from '@davkit/types'
import type { DavClientOptions } from './http/client-options.ts'
import type { RequestPipeline } from './http/request-pipeline.ts'
import type { DavClientUrlOptions, FlatCredentials } from './connection-options.ts'
import { connectionOf } from './dav-connection.ts'
import {
  propfind,
  type PropfindAllpropOptions,
  type PropfindDefaultOptions,
  type PropfindPropOptions,
  type PropfindPropnameOptions,
} from './methods/propfind.ts'
import { propfindEach, type PropfindEachLimits, type PropfindEachOptions } from './methods/propfind-each.ts'
import { proppatch, type ProppatchOptions } from './methods/proppatch.ts'
import { copy, move, type CopyOptions, type MoveOptions } from './methods/transfer.ts'
import { contentMethods, type DavContentMethods } from './methods/content-methods.ts'
import type { DavTarget } from './paths/resolve-target.ts'

export type { DavClientUrlOptions, FlatCredentials } from './connection-options.ts'
export type { PropfindDefaultOptions } from './methods/propfind.ts'

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

/**
 * Every method is a call of the standalone function of the same name (`propfind`, `copy`,
 * `get`...) with the client as its connection: one implementation, and a client holds them all.
 */
function clientOf(first: (DavClientOptions & FlatCredentials) | string | URL, rest: DavClientUrlOptions | undefined): DavClient {
  const connection = connectionOf('createDavClient', first, rest)
  return {
    ...contentMethods(connection),
    baseUrl: connection.baseUrl,
    pipeline: connection.pipeline,
    propfind: ((target: DavTarget, options?: PropfindDefaultOptions) => propfind(connection, target, options)) as DavClient['propfind'],
    propfindEach: ((target: DavTarget, options: PropfindEachOptions<PropRequest>) =>
      propfindEach(connection, target, options as PropfindPropOptions<PropRequest>)) as DavClient['propfindEach'],
    proppatch: (target, instructions, options) => proppatch(connection, target, instructions, options),
    copy: (from, to, options) => copy(connection, from, to, options),
    move: (from, to, options) => move(connection, from, to, options),
  }
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
  return clientOf(first, rest)
}
