import type { MultiStatus } from '@davkit/types'
import type { RequestPipeline } from '../http/request-pipeline.ts'

/** What the multistatus decoder is told about the body it decodes. */
export interface MultiStatusDecodeOptions {
  /** The URL the body answered, to resolve relative hrefs. */
  readonly requestUrl: string
  readonly maxBytes?: number
  readonly maxDepth?: number
  readonly contentType?: string | undefined
}

/** Decodes a `DAV:multistatus` body, throwing `DecodeError` (a `DAV:error` root is failure `dav-error`). */
export type MultiStatusDecoder = (body: string, options: MultiStatusDecodeOptions) => MultiStatus

/** What every method needs: the request pipeline and the decoder. */
export interface MethodContext {
  readonly pipeline: RequestPipeline
  readonly decodeMultiStatus: MultiStatusDecoder
}
