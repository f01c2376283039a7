import type { RequestPipeline } from '../http/request-pipeline.ts'

/**
 * What every method needs, and the standalone functions (`propfind`, `get`...) take first: the
 * request pipeline. A `DavConnection` and a `DavClient` both hold one.
 */
export interface MethodContext {
  readonly pipeline: RequestPipeline
}
