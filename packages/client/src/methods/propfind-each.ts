import type { PropfindEntry, PropRequest } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'
import { type ChunkSource, itemsAsRead } from '../http/items-as-read.ts'
import { readWithin } from '../http/read-within.ts'
import { MultiStatusReader } from '../multistatus/multistatus-reader.ts'
import type { DavTarget } from '../paths/resolve-target.ts'
import type { XmlLimits } from '../xml/xml-limits.ts'
import type { MethodContext } from './method-context.ts'
import {
  entryMaker,
  preparePropfind,
  propfindStatusError,
  type PropfindAllpropOptions,
  type PropfindOptions,
  type PropfindPropnameOptions,
  type PropfindPropOptions,
} from './propfind.ts'
import { readResponseBody, undecodableError } from './read-dav-answer.ts'

/**
 * The limits of a streamed listing. `maxBytes` has no default here: nothing of the listing is
 * kept, so only a caller who wants to bound the transfer sets it.
 */
export type PropfindEachLimits = XmlLimits

/** Options of `propfindEach`: those of `propfind`, and limits on the body. */
export type PropfindEachOptions<P extends PropRequest> = PropfindOptions<P> & PropfindEachLimits

/**
 * PROPFIND whose answer is decoded as it arrives: each entry is handed out as soon as its
 * `DAV:response` has been read, and only the entry being read is held, so a listing of a million
 * resources takes as little memory as one of ten. The request is sent when iteration starts.
 *
 * - A status other than 2xx rejects the iteration before any entry, as `propfind` throws.
 * - A failure mid-body (malformed XML at a line and column, a limit, a lost connection, a timeout,
 *   an abort) rejects the iteration with a typed error; the entries already handed out stay valid.
 * - The per-attempt timeout applies to each wait for more of the body, not to the time the caller
 *   spends with the entries.
 * - Leaving the loop early (`break`, `return`, an exception) cancels the body and frees the connection.
 * - Nothing is retried once the body has started to arrive: entries may already have been used.
 *
 * @example
 * for await (const entry of propfindEach(dav, 'Photos/', { depth: 1, props: { size: davGetContentLength } })) {
 *   if (entry.kind === 'resource' && entry.props.size.kind === 'value') total += entry.props.size.value
 * }
 */
export function propfindEach<const P extends PropRequest>(
  connection: MethodContext,
  target: DavTarget,
  options: PropfindPropOptions<P> & PropfindEachLimits,
): AsyncIterable<PropfindEntry<P>>
/** {@link propfindEach} with `allprop`. */
export function propfindEach<const P extends PropRequest = {}>(
  connection: MethodContext,
  target: DavTarget,
  options: PropfindAllpropOptions<P> & PropfindEachLimits,
): AsyncIterable<PropfindEntry<P>>
/** {@link propfindEach} with `propname`. */
export function propfindEach(
  connection: MethodContext,
  target: DavTarget,
  options: PropfindPropnameOptions & PropfindEachLimits,
): AsyncIterable<PropfindEntry<{}>>
export async function* propfindEach<P extends PropRequest>(
  context: MethodContext,
  target: DavTarget,
  options: PropfindEachOptions<P>,
): AsyncGenerator<PropfindEntry<P>, void, undefined> {
  const { codecs, request } = preparePropfind(context, target, options)
  const response = await context.pipeline.send({ ...request, responseBody: 'stream' })
  if (response.status < 200 || response.status >= 300 || response.stream === undefined) {
    const reading = readResponseBody(response)
    if (response.status < 200 || response.status >= 300) throw propfindStatusError(response, reading, options.depth)
    throw undecodableError(response, reading)
  }
  const toEntry = entryMaker(codecs)
  const reader = response.stream.getReader()
  const source: ChunkSource = {
    read: () => readWithin(reader, context.pipeline.timeoutMs, response),
    cancel: () => reader.cancel(),
  }
  const limits = {
    requestUrl: response.url,
    contentType: response.headers.get('content-type') ?? undefined,
    maxBytes: options.maxBytes ?? Number.MAX_SAFE_INTEGER,
    maxDepth: options.maxDepth,
    maxAttributes: options.maxAttributes,
    maxNamespaceDeclarations: options.maxNamespaceDeclarations,
    maxNameLength: options.maxNameLength,
  }
  // The body is decoded a few entries at a time, as the caller takes them (see `itemsAsRead`).
  const sinkFor = (emit: (entry: PropfindEntry<P>) => void): MultiStatusReader =>
    new MultiStatusReader(limits, (decoded) => emit(toEntry(decoded)))
  try {
    yield* itemsAsRead(source, sinkFor)
  } catch (error) {
    if (error instanceof DecodeError) throw undecodableError(response, { kind: 'undecodable', failure: error.failure, cause: error })
    throw error
  }
}
