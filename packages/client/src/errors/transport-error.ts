import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/**
 * Why no HTTP answer came, as far as the runtime tells (browsers tell nothing: `unknown`).
 * - `connection-refused`, `connection-reset`, `connect-timeout`, `unreachable`, `dns-failure`
 *   (a temporary resolver failure): may pass, retried for idempotent requests;
 * - `host-not-found`, `bad-port` (a port fetch refuses to use), `tls` (certificate or handshake):
 *   will not pass by trying again, never retried.
 */
export type TransportReason =
  | 'connection-refused'
  | 'connection-reset'
  | 'connect-timeout'
  | 'unreachable'
  | 'dns-failure'
  | 'host-not-found'
  | 'bad-port'
  | 'tls'
  | 'unknown'

export interface TransportErrorOptions extends DavRequestErrorOptions {
  readonly reason: TransportReason
  /** The host name that was contacted (no credentials, no path). */
  readonly host: string
  /** The port that was contacted (the scheme's default when the URL names none). */
  readonly port: number
}

/**
 * The request never got an HTTP answer (or lost it mid-body): DNS failure, connection refused or
 * reset, TLS failure. `reason` names the cause; the runtime's error is `cause`. Idempotent
 * methods are retried on it unless the reason is hopeless (`host-not-found`, `bad-port`, `tls`).
 */
export class TransportError extends DavRequestError {
  override readonly code: 'transport' = 'transport'
  readonly reason: TransportReason
  readonly host: string
  readonly port: number

  constructor(message: string, options: TransportErrorOptions) {
    super(message, options)
    this.reason = options.reason
    this.host = options.host
    this.port = options.port
  }
}
