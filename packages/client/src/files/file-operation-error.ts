import { DavkitError } from '../errors/davkit-error.ts'

/**
 * A file-level operation did not do what was asked, although the server answered: the file was
 * not found, a write was refused (locked, precondition failed, parent missing...). `outcome` is
 * the `kind` of the core result (`not-found`, `locked`, `precondition-failed`, `conflict`...),
 * `status` the HTTP status. Transport failures keep their own error classes.
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

  constructor(operation: string, path: string, outcome: string, status: number) {
    super(`${operation} ${JSON.stringify(path)}: ${outcome} (${status})`)
    this.operation = operation
    this.path = path
    this.outcome = outcome
    this.status = status
  }
}
