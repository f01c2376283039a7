import { DavkitError } from './davkit-error.ts'

/**
 * An upload's source could not give the bytes asked for:
 * - `released`: a stream was asked for bytes before the offset it was told it may let go (it keeps
 *   only what the server has not confirmed, so those bytes are gone);
 * - `size-mismatch`: the source held more or fewer bytes than its declared size;
 * - `unread`: a stream was asked for (or told to let go of) bytes past what it has read so far (it
 *   is read forward, so skipping would mean holding the whole span skipped).
 */
export class SourceReadError extends DavkitError {
  override readonly code: 'source-read' = 'source-read'
  readonly reason: 'released' | 'size-mismatch' | 'unread'
  /** The offset asked for (`released`, `unread`) or the bytes actually found (`size-mismatch`). */
  readonly offset: number
  /** The released offset (`released`), the declared size (`size-mismatch`) or the bytes read so far (`unread`). */
  readonly expected: number

  constructor(reason: 'released' | 'size-mismatch' | 'unread', offset: number, expected: number) {
    super(
      reason === 'released'
        ? `the source was asked for offset ${offset}, before ${expected}, which it no longer holds (a stream keeps only the bytes the server has not confirmed)`
        : reason === 'unread'
          ? `the source was asked for offset ${offset}, past the ${expected} bytes read so far (a stream is read forward, never skipped)`
          : `the source held ${offset} bytes, not the ${expected} it declared`,
    )
    this.reason = reason
    this.offset = offset
    this.expected = expected
  }
}
