/**
 * What an error tells about the request that failed. Credentials are redacted before they get
 * here: `Authorization`, `Proxy-Authorization`, `Cookie` and any header whose name speaks of a
 * token, secret, password, session or API key carry `[REDACTED]`; the URL has no userinfo, and
 * query parameters such as `access_token` or `sig` carry `[REDACTED]` too.
 */
export interface RequestSummary {
  /** The method in upper case, e.g. `PROPFIND`. */
  readonly method: string
  /** The request URL with credentials redacted. */
  readonly url: string
  /** Request headers, names in lower case, credentials redacted. */
  readonly headers: Readonly<Record<string, string>>
}

/** What an error tells about the response it was built from, when there was one. */
export interface ResponseSummary {
  readonly status: number
  readonly statusText: string
  /** Response headers, names in lower case; `Set-Cookie` and token-bearing headers redacted. */
  readonly headers: Readonly<Record<string, string>>
  /** The URL that answered (after same-origin redirects), credentials redacted. */
  readonly url: string
  /** The start of the body as text (at most 2048 characters), or `undefined` when it was empty or not read. */
  readonly bodyExcerpt: string | undefined
}

/**
 * The request as the retry layer saw it: what `onRetry` receives before it waits and tries again.
 * `attempt` is the number of the attempt that just failed (1 for the first).
 */
export interface RetryEvent {
  readonly method: string
  /** The request URL, credentials redacted. */
  readonly url: string
  readonly attempt: number
  /** The delay before the next attempt, in milliseconds (includes any `Retry-After`). */
  readonly delayMs: number
  /** How the failure was classified. */
  readonly classification: 'transient' | 'throttled'
  /** The failure: a davkit error with a literal `code`. */
  readonly error: Error
}
