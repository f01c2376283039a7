import type { TransportReason } from '../errors/transport-error.ts'

const BY_CODE: Readonly<Record<string, TransportReason>> = {
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  UND_ERR_SOCKET: 'connection-reset',
  UND_ERR_CLOSED: 'connection-reset',
  ETIMEDOUT: 'connect-timeout',
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETDOWN: 'unreachable',
  ENOTFOUND: 'host-not-found',
  EAI_AGAIN: 'dns-failure',
}

/** Certificate and handshake failures as Node (OpenSSL) codes them. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/

/** What fetch threw, told by the `code` (or the words) of an error in its `cause` chain; undici nests it. */
export function transportReasonOf(error: unknown): TransportReason {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') {
      const known = BY_CODE[code]
      if (known !== undefined) return known
      if (TLS_CODE.test(code)) return 'tls'
    }
    const message = (current as { message?: unknown }).message
    // undici says only these words for a port on the fetch standard's list of bad ports.
    if (message === 'bad port') return 'bad-port'
    current = (current as { cause?: unknown }).cause
  }
  return 'unknown'
}

const HOPELESS: ReadonlySet<TransportReason> = new Set(['host-not-found', 'bad-port', 'tls'])

/** Whether trying again cannot help. */
export function isHopeless(reason: TransportReason): boolean {
  return HOPELESS.has(reason)
}

/** Words for a message: `connection refused`, `host not found`... */
export function describeReason(reason: TransportReason): string {
  return reason === 'unknown' ? 'no HTTP response' : reason.replaceAll('-', ' ')
}
