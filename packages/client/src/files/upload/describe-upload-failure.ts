import { describeFailure } from '../../http/request-pipeline.ts'
import type { AttemptFailure } from '../../retry/classify-failure.ts'
import { FileOperationError } from '../file-operation-error.ts'

/** What a failed upload step means for the retry decision: a refused chunk as its status, else as the pipeline's failure. */
export function describeUploadFailure(error: unknown): AttemptFailure {
  if (error instanceof FileOperationError && error.outcome === 'chunk-refused') {
    return { kind: 'status', status: error.status, retryAfterMs: error.retryAfterMs }
  }
  return describeFailure(error)
}
