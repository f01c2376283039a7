/** The real WebDAV servers the test suite can start on loopback. */
export type ServerName = 'apache' | 'lighttpd' | 'nginx' | 'rclone'

/** Credentials for HTTP Basic authentication in front of the DAV root. */
export interface BasicAuth {
  readonly username: string
  readonly password: string
}

/** Options every launcher understands (a launcher that cannot honour one throws). */
export interface ServerOptions {
  /**
   * Answer CORS for WebDAV so that browser tests can talk to the server: the request's `Origin` is
   * echoed in `Access-Control-Allow-Origin`, every WebDAV verb and header is allowed, `ETag`, `DAV`,
   * `Lock-Token`, `Content-Length` and `Location` are exposed, and preflights need no credentials.
   */
  readonly cors?: boolean
  /** Require HTTP Basic authentication with these credentials (preflight OPTIONS stays open). */
  readonly basicAuth?: BasicAuth
  /** Require HTTP Digest authentication instead (Apache: MD5 only; lighttpd: the algorithm given). */
  readonly digestAuth?: DigestAuth
}

/** Credentials for HTTP Digest authentication in front of the DAV root, realm `davkit`. */
export interface DigestAuth extends BasicAuth {
  /** lighttpd only: `MD5` (default) or `SHA-256`, several separated by `|`. */
  readonly algorithm?: string
  /** lighttpd only: offer `userhash` (RFC 7616 §3.4.4). */
  readonly userhash?: boolean
}

/** Apache httpd options. */
export interface ApacheOptions extends ServerOptions {
  /** Serve `PROPFIND` with `Depth: infinity` (`DavDepthInfinity On`). mod_dav refuses it by default. */
  readonly depthInfinity?: boolean
}

/** A server started by one of the launchers. */
export interface RunningServer {
  readonly name: ServerName
  /** Base URL of the DAV root, always ending with `/`. */
  readonly url: string
  /** The directory on disk served as the DAV root (fresh and empty at start). */
  readonly dataDir: string
  /** The server's error log so far (empty when the server keeps none). */
  errorLog(): Promise<string>
  /** Kills the server and removes its temporary directories. Safe to call twice. */
  stop(): Promise<void>
}
