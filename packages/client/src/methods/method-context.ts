import type { RequestPipeline } from '../http/request-pipeline.ts'

/** What every method needs: the request pipeline. */
export interface MethodContext {
  readonly pipeline: RequestPipeline
}
