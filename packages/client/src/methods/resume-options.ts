/** How a resumed download goes on; what `resume: true` means when given as an object. */
export interface StreamResumeOptions {
  /**
   * Failed attempts to continue, in a row without a byte of progress, before the body fails with
   * the last error. Default: the client's `retry.retries`. Attempts wait the client's back-off
   * between them; once bytes flow again the count starts afresh.
   */
  readonly retries?: number
  /**
   * What to do when the file turns out to have changed (or the server will not send the rest of
   * it): `'fail'` (the default) ends the body with a `ContentChangedError`; bytes already handed
   * over are never followed by bytes of another version.
   */
  readonly onChange?: 'fail'
}

/** {@link StreamResumeOptions} for a body read whole (`as: 'bytes'` or `'text'`), which may start over. */
export interface BufferedResumeOptions extends Omit<StreamResumeOptions, 'onChange'> {
  /**
   * `'fail'` (the default) rejects with a `ContentChangedError`; `'restart'` drops what was read
   * and reads the new version from its start (progress then starts again from 0), at most
   * `retries` times (at least once).
   */
  readonly onChange?: 'fail' | 'restart'
}

/**
 * The `resume` option of a GET: `true` for the defaults, or options. A stream cannot take back the
 * bytes it handed over, so `onChange: 'restart'` is for bodies read whole.
 */
export type GetResume<K extends string> = boolean | (K extends 'stream' ? StreamResumeOptions : BufferedResumeOptions)
