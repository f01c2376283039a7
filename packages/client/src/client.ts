import type {
  PropfindEntry,
  ProppatchInstruction,
  ProppatchResult,
  PropRequest,
  PropfindResult,
  TransferResult,
} from '@davkit/types'
import type { DavClientOptions } from './http/client-options.ts'
import { createRequestPipeline, type RequestPipeline } from './http/request-pipeline.ts'
import type { MethodContext, MultiStatusDecoder } from './methods/method-context.ts'
import {
  propfind,
  type PropfindAllpropOptions,
  type PropfindPropOptions,
  type PropfindPropnameOptions,
} from './methods/propfind.ts'
import { propfindEach, type PropfindEachLimits, type PropfindEachOptions } from './methods/propfind-each.ts'
import { proppatch, type ProppatchOptions } from './methods/proppatch.ts'
import { transfer, type CopyOptions, type MoveOptions } from './methods/transfer.ts'
import { contentMethods, type DavContentMethods } from './methods/content-methods.ts'
import { decodeMultiStatus } from './multistatus/index.ts'
import type { DavTarget } from './paths/resolve-target.ts'

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
  propfind<const P extends PropRequest = {}>(
    target: DavTarget,
    options: PropfindAllpropOptions<P>,
  ): Promise<PropfindResult<P>>
  /** PROPFIND `propname`: each resource's `properties` holds the names (with empty values). */
  propfind(target: DavTarget, options: PropfindPropnameOptions): Promise<PropfindResult<{}>>

  /**
   * PROPFIND decoded as the answer arrives: each entry is handed out as soon as its response has
   * been read, and memory does not grow with the listing. Leaving the loop early cancels the body.
   * A failure mid-body rejects the iteration with a typed error; entries already handed out stay valid.
   *
   * @example
   * for await (const entry of dav.propfindEach('Photos/', { depth: 1, props: { size: davProps.getcontentlength } })) {
   *   if (entry.kind === 'resource' && entry.props.size.kind === 'value') total += entry.props.size.value
   * }
   */
  propfindEach<const P extends PropRequest>(target: DavTarget, options: PropfindPropOptions<P> & PropfindEachLimits): AsyncIterable<PropfindEntry<P>>
  /** {@link DavClient.propfindEach} with `allprop`. */
  propfindEach<const P extends PropRequest = {}>(target: DavTarget, options: PropfindAllpropOptions<P> & PropfindEachLimits): AsyncIterable<PropfindEntry<P>>
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

/** Internal: build a client around an explicit decoder (tests, and alternative decoders). */
export function createDavClientWith(options: DavClientOptions, decoder: MultiStatusDecoder): DavClient {
  const pipeline = createRequestPipeline(options)
  const context: MethodContext = { pipeline, decodeMultiStatus: decoder }
  return {
    ...contentMethods(context),
    baseUrl: pipeline.baseUrl,
    pipeline,
    propfind: ((target: DavTarget, propfindOptions: PropfindPropOptions<PropRequest>) =>
      propfind(context, target, propfindOptions)) as DavClient['propfind'],
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

/**
 * Creates a WebDAV client. Paths are relative to `baseUrl` and percent-encoded by davkit;
 * credentials are only ever sent to the base URL's origin.
 *
 * @example
 * const dav = createDavClient({
 *   baseUrl: 'https://files.example.com/remote.php/dav/files/alice/',
 *   auth: { username: 'alice', password: 'secret' },
 *   retry: { retries: 3 },
 * })
 */
export function createDavClient(options: DavClientOptions): DavClient {
  return createDavClientWith(options, (body, { contentType, ...rest }) =>
    decodeMultiStatus(body, contentType === undefined ? rest : { ...rest, contentType }),
  )
}
