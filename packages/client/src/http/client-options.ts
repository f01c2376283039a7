import type { RetryOptions } from '../retry/retry-options.ts'
import type { DavAuth } from './auth.ts'

/** Options of {@link createDavClient}. */
export interface DavClientOptions {
  /**
   * The URL every path is relative to, e.g. `https://cloud.example.com/remote.php/dav/files/alice/`.
   * Any path prefix, with or without a trailing slash. Userinfo (`https://user:pass@host/`) becomes
   * Basic auth and is removed from the URL.
   */
  readonly baseUrl: string | URL
  /** Basic (`{ username, password }`), Bearer (`{ token }`), or a function returning headers per attempt. */
  readonly auth?: DavAuth
  /** Headers sent with every request (a method's own headers, then auth, take precedence). */
  readonly headers?: HeadersInit
  /**
   * The `fetch` ky calls (default: the global one, looked up at each request). It is called as
   * `fetch(request, init)`: `request` is a `Request` carrying the whole request (method, URL,
   * headers, body, signal, `redirect: 'manual'`, `duplex: 'half'` where the runtime knows it);
   * `init` holds only options that a `Request` cannot carry (davkit passes none). Pass both on.
   * Read the body before the returned promise settles, as `fetch` does: it is cancelled afterwards.
   */
  readonly fetch?: typeof globalThis.fetch
  /**
   * Per-attempt timeout in milliseconds, from sending to the end of the body (to the headers, for
   * a body handed over as a stream: `get(..., { as: 'stream' })`). Default 30 000; `false` for none.
   */
  readonly timeoutMs?: number | false
  /** Retry policy; `false` disables retries. */
  readonly retry?: RetryOptions | false
  /** The largest response body read into memory, in bytes. Default 64 MiB. */
  readonly maxResponseBytes?: number
  /** Redirects followed per request (301, 302, 307, 308). Default 5. */
  readonly maxRedirects?: number
  /**
   * What to do with a redirect to another origin (iCloud's per-account hosts, a download sent to a
   * storage host). `'refuse'` (default): reject with `CrossOriginError`. `'follow-without-credentials'`:
   * follow it with no auth and no credential-like headers, and never answer that host's 401; a
   * request carrying a `Destination` (COPY, MOVE) is still refused. See decisions/0013.
   */
  readonly crossOriginRedirects?: 'refuse' | 'follow-without-credentials'
}

/** Options every method accepts. */
export interface RequestOptions {
  /** Aborts the request and any wait before a retry; the method rejects with `RequestAbortedError`. */
  readonly signal?: AbortSignal
  /** Extra headers for this request (e.g. `If`). */
  readonly headers?: HeadersInit
}
