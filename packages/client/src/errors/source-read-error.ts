import { DavkitError } from './davkit-error.ts'

/**
 * An upload's source could not give the bytes asked for:
 * - `released`: a stream was asked for bytes before the offset it was told it may let go (it keeps
 *   only what the server has not confirmed, so those bytes are gone);
 * - `size-mismatch`: the source held more or fewer bytes than its declared size.
 */
export class SourceReadError extends DavkitError {
  override readonly code: 'source-read' = 'source-read'
  readonly reason: 'released' | 'size-mismatch'
  /** The offset asked for (`released`) or the bytes actually found (`size-mismatch`). */
  readonly offset: number
  /** The released offset (`released`) or the declared size (`size-mismatch`). */
  readonly expected: number

  constructor(reason: 'released' | 'size-mismatch', offset: number, expected: number) {
    super(
      reason === 'released'
        ? `the source was asked for offset ${offset}, before ${expected}, which it no longer holds (a stream keeps only the bytes the server has not confirmed)`
        : `the source held ${offset} bytes, not the ${expected} it declared`,
    )
    this.reason = reason
    this.offset = offset
    this.expected = expected
  }
}
