import { DavkitError } from './davkit-error.ts'

/**
 * Thrown by `assertAllOk` and `unwrapProperty` when a result holds a failure: a property that
 * is missing or failed, an instruction that was not applied, a member that was not copied.
 * `problems` lists each one; `result` is the result that was checked.
 */
export class NotAllOkError extends DavkitError {
  override readonly code: 'not-all-ok' = 'not-all-ok'
  readonly problems: readonly string[]
  readonly result: unknown

  constructor(problems: readonly string[], result: unknown) {
    const shown = problems.slice(0, 5).join('; ')
    super(`${problems.length} failure(s): ${shown}${problems.length > 5 ? '; ...' : ''}`)
    this.problems = problems
    this.result = result
  }
}
