import type { DeleteResult, GetResult, MemberFailure, MkcolResult, PutResult, TransferResult } from '@davkit/types'
import { DavkitError } from '../errors/davkit-error.ts'

/** The file-level operations. */
export type FileOperation =
  | 'list'
  | 'stat'
  | 'readText'
  | 'readBytes'
  | 'writeText'
  | 'writeBytes'
  | 'createFolder'
  | 'remove'
  | 'copy'
  | 'move'
  | 'rename'
  | 'walk'
  | 'upload'
  | 'download'

/**
 * Why a file-level operation did not happen: the `kind` of the core result that stopped it (a
 * PUT, MKCOL, DELETE, COPY, MOVE or GET outcome), or one of the file layer's own:
 * - `not-found`: nothing at that path (`list`, `stat`, `readText`, `readBytes`, a `copy` source...);
 * - `not-a-folder`: `list` of a file;
 * - `member-failures`: a listing whose server reported members as failed or malformed;
 * - `no-properties`, `unusable-answer`: a `stat` the server answered with no usable properties;
 * - `file-in-the-way`, `unknown-type`: `createFolder` where a file (or something unknown) is;
 * - `weak-etag`: a conditional write given a weak entity tag, which `If-Match` can never match;
 * - `mechanism-refused`: an `upload` whose requested mechanism the server does not offer or refused (400, 405, 415, 501...);
 * - `chunk-refused`: an `upload` request answered with a status no outcome above names (after any retries);
 * - `not-resumable`: an `upload` by plain PUT from a stream failed part-way: a stream cannot be sent again;
 * - `offset-mismatch`: an interrupted `upload` found the server holding fewer bytes than it had confirmed, or more than were sent;
 * - `length-mismatch`: after an `upload`'s last write the server holds a length other than the size sent;
 * - `too-large`: an `upload` the server refused for its size (413, or beyond TUS's `Tus-Max-Size`);
 * - `size-unknown`: an `upload` of a stream of unknown size to a TUS server that needs the size first;
 * - `cross-origin-location`: an `upload` whose server named an upload URL on another origin (credentials stay on the client's);
 * - `upload-expired`: an `upload` whose server forgot what it held while the source could not be read again from the start.
 */
export type FileOperationOutcome =
  | Exclude<PutResult['kind'], 'created' | 'replaced'>
  | Exclude<MkcolResult['kind'], 'created'>
  | Exclude<DeleteResult['kind'], 'deleted'>
  | Exclude<TransferResult['kind'], 'created' | 'replaced' | 'succeeded'>
  | Exclude<GetResult<unknown>['kind'], 'full' | 'partial'>
  | 'not-found'
  | 'not-a-folder'
  | 'member-failures'
  | 'no-properties'
  | 'unusable-answer'
  | 'file-in-the-way'
  | 'unknown-type'
  | 'weak-etag'
  | 'mechanism-refused'
  | 'chunk-refused'
  | 'not-resumable'
  | 'offset-mismatch'
  | 'length-mismatch'
  | 'too-large'
  | 'size-unknown'
  | 'cross-origin-location'
  | 'upload-expired'
  | 'changed-during-upload'

function describeFailure(failure: MemberFailure): string {
  const { status } = failure
  const said = status.kind === 'status' ? String(status.code) : `${status.problem} status`
  return `${failure.href.path} ${said}`
}

const EXPLAINED: Partial<Record<FileOperationOutcome, string>> = {
  'weak-etag':
    'a weak entity tag (W/"...") never matches If-Match; servers such as Apache give one to a file changed within the last second. Stat again after a second for a strong one, or write under a lock',
}

/**
 * A file-level operation did not do what was asked, although the server answered: the file was
 * not found, a write was refused (locked, precondition failed, parent missing...). `outcome` says
 * why (see {@link FileOperationOutcome}), `status` the HTTP status (0 when refused before sending),
 * `failures` every resource a multistatus named. Transport failures keep their own error classes.
 */
export class FileOperationError extends DavkitError {
  override readonly code: 'file-operation' = 'file-operation'
  /** The file-level operation, e.g. `readText`, `writeBytes`, `createFolder`. */
  readonly operation: FileOperation
  /** The path it was asked for. */
  readonly path: string
  /** Why it did not happen. */
  readonly outcome: FileOperationOutcome
  readonly status: number
  /**
   * Every resource a multistatus reported as failed, in document order: the members a listing,
   * `remove`, `copy` or `move` could not handle, the locked collection of a write. Empty otherwise.
   */
  readonly failures: readonly MemberFailure[]
  /** The delay the server asked for before trying again (`Retry-After`), when it refused for a while. */
  readonly retryAfterMs: number | undefined

  constructor(
    operation: FileOperation,
    path: string,
    outcome: FileOperationOutcome,
    status: number,
    failures: readonly MemberFailure[] = [],
    options?: ErrorOptions & { readonly detail?: string; readonly retryAfterMs?: number | undefined },
  ) {
    const detail = failures.length === 0 ? '' : `: ${failures.map(describeFailure).join(', ')}`
    const explained = EXPLAINED[outcome] === undefined ? '' : `; ${EXPLAINED[outcome]}`
    const said = options?.detail === undefined ? '' : `; ${options.detail}`
    super(`${operation} ${JSON.stringify(path)}: ${outcome} (${status})${detail}${explained}${said}`, options)
    this.operation = operation
    this.path = path
    this.outcome = outcome
    this.status = status
    this.failures = failures
    this.retryAfterMs = options?.retryAfterMs
  }
}
