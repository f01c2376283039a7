/** The class of an HTTP status code, by its first digit. */
export type StatusClass = 'success' | 'redirection' | 'client-error' | 'server-error'

/** A parsed `DAV:status` line such as `HTTP/1.1 404 Not Found`. */
export interface HttpStatus {
  readonly kind: 'status'
  /** The status code, 200..599. Unknown codes are kept and classified by {@link StatusClass}. */
  readonly code: number
  readonly class: StatusClass
  /** The reason phrase as sent, or `undefined` when the server sent none. */
  readonly reason: string | undefined
  /** The status line exactly as it appeared in the body. */
  readonly line: string
}

/** Why a `DAV:status` could not be used. */
export type StatusProblemKind =
  /** No `DAV:status` element where one was required. */
  | 'missing'
  /** The element was present but held no text. */
  | 'empty'
  /** The text was not an HTTP status line. */
  | 'garbled'
  /** A 1xx code, which cannot describe a final outcome. */
  | 'informational'

/** A `DAV:status` that cannot be used: which problem, and the offending text. */
export interface StatusProblem {
  readonly kind: 'status-problem'
  readonly problem: StatusProblemKind
  /** The offending text, if there was any. */
  readonly line: string | undefined
}

/** What a `DAV:status` element decoded to: a usable status, or the reason it is not one. */
export type ParsedStatus = HttpStatus | StatusProblem
