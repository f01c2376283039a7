import type { DavClientOptions } from './http/client-options.ts'
import { createRequestPipeline, type RequestPipeline } from './http/request-pipeline.ts'
import { normaliseOptions, type DavClientUrlOptions, type FlatCredentials } from './connection-options.ts'

/**
 * A base URL and the request pipeline bound to it (auth, retries, timeouts, limits), and nothing
 * else: the first argument of the standalone functions (`propfind`, `get`, `put`...). A
 * {@link DavClient} is accepted wherever a connection is.
 */
export interface DavConnection {
  /** The normalised base URL (its path ends with `/`). */
  readonly baseUrl: URL
  /** The request pipeline every request of this connection takes. */
  readonly pipeline: RequestPipeline
}

/**
 * Creates a connection for the standalone functions, which a bundler keeps only when they are
 * imported: a program calling `propfind` alone does not carry PUT, LOCK or uploads. Takes the
 * options of {@link createDavClient}, in the same two call shapes.
 *
 * @example
 * const dav = createDavConnection('https://files.example.com/remote.php/dav/files/alice/', { username: 'alice', password: 'secret' })
 * const listing = await propfind(dav, 'Documents/', { depth: 1, props: { size: davGetContentLength } })
 */
export function createDavConnection(options: DavClientOptions & FlatCredentials): DavConnection
export function createDavConnection(baseUrl: string | URL, options?: DavClientUrlOptions): DavConnection
export function createDavConnection(first: (DavClientOptions & FlatCredentials) | string | URL, rest?: DavClientUrlOptions): DavConnection {
  return connectionOf('createDavConnection', first, rest)
}

/** The connection for either call shape of `maker` (named in errors about the options). */
export function connectionOf(
  maker: string,
  first: (DavClientOptions & FlatCredentials) | string | URL,
  rest: DavClientUrlOptions | undefined,
): DavConnection {
  const pipeline = createRequestPipeline(normaliseOptions(maker, first, rest))
  return { baseUrl: pipeline.baseUrl, pipeline }
}
