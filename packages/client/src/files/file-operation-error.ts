import type { MemberFailure } from '@davkit/types'
import { DavkitError } from '../errors/davkit-error.ts'

function describeFailure(failure: MemberFailure): string {
  const { status } = failure
  const said = status.kind === 'status' ? String(status.code) : `${status.problem} status`
  return `${failure.href.path} ${said}`
}

/**
 * A file-level operation did not do what was asked, although the server answered: the file was
 * not found, a write was refused (locked, precondition failed, parent missing...). `outcome` is
 * the `kind` of the core result (`not-found`, `locked`, `precondition-failed`, `conflict`,
 * `uncertain`...), or a file-level one (`member-failures`, `unusable-answer`...), `status` the
 * HTTP status. Transport failures keep their own error classes.
 */
export class FileOperationError extends DavkitError {
  override readonly code: 'file-operation' = 'file-operation'
  /** The file-level operation, e.g. `readText`, `writeBytes`, `createFolder`. */
  readonly operation: string
  /** The path it was asked for. */
  readonly path: string
  /** The `kind` of the core result that stopped it. */
  readonly outcome: string
  readonly status: number
  /**
   * For outcome `member-failures` (a listing): every member the server reported as failed or
   * malformed, in document order. Empty otherwise.
   */
  readonly failures: readonly MemberFailure[]

  constructor(operation: string, path: string, outcome: string, status: number, failures: readonly MemberFailure[] = []) {
    const detail = failures.length === 0 ? '' : `: ${failures.map(describeFailure).join(', ')}`
    super(`${operation} ${JSON.stringify(path)}: ${outcome} (${status})${detail}`)
    this.operation = operation
    this.path = path
    this.outcome = outcome
    this.status = status
    this.failures = failures
  }
}
