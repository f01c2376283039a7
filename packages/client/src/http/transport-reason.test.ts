import { describe, expect, test } from 'vitest'
import { describeReason, isHopeless, transportReasonOf } from './transport-reason.ts'

/** An error shaped as undici throws them: `TypeError: fetch failed` around the socket's error. */
function undici(code: string | undefined, message = 'x'): TypeError {
  const inner = Object.assign(new Error(message), code === undefined ? {} : { code })
  return new TypeError('fetch failed', { cause: inner })
}

describe('transportReasonOf', () => {
  test.each([
    ['ECONNREFUSED', 'connection-refused'],
    ['ECONNRESET', 'connection-reset'],
    ['UND_ERR_SOCKET', 'connection-reset'],
    ['ENOTFOUND', 'host-not-found'],
    ['EAI_AGAIN', 'dns-failure'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout'],
    ['EHOSTUNREACH', 'unreachable'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
  ] as const)('%s in the cause chain is %s', (code, reason) => {
    expect(transportReasonOf(undici(code))).toBe(reason)
  })

  test("undici's bad port has no code, only words", () => {
    expect(transportReasonOf(undici(undefined, 'bad port'))).toBe('bad-port')
  })

  test("a browser's bare TypeError, or anything else, is unknown", () => {
    expect(transportReasonOf(new TypeError('Failed to fetch'))).toBe('unknown')
    expect(transportReasonOf('weird')).toBe('unknown')
    expect(transportReasonOf(undefined)).toBe('unknown')
  })

  test('only an unknown host, a bad port and TLS are hopeless', () => {
    expect(['host-not-found', 'bad-port', 'tls'].every((r) => isHopeless(r as never))).toBe(true)
    expect(
      ['connection-refused', 'connection-reset', 'connect-timeout', 'unreachable', 'dns-failure', 'unknown'].some((r) =>
        isHopeless(r as never),
      ),
    ).toBe(false)
  })

  test('reasons read as words in messages', () => {
    expect(describeReason('connection-refused')).toBe('connection refused')
    expect(describeReason('unknown')).toBe('no HTTP response')
  })
})
