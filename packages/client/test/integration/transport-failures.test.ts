// What fetch reports when no answer comes, over real sockets on 127.0.0.1: the reason named in
// the error, and whether trying again is worth it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { TransportError, createDavClient, davProps } from '../../src/index.ts'
import { closedPort, closeServer, listenOnLoopback } from '../support/loopback-server.ts'

const retry = { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false } as const
const props = { props: { etag: davProps.getetag } } as const

async function failureOf(baseUrl: string): Promise<{ error: TransportError; retries: number }> {
  let retries = 0
  const client = createDavClient({ baseUrl, retry: { ...retry, onRetry: () => void retries++ } })
  const error: unknown = await client.propfind('', props).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TransportError)
  return { error: error as TransportError, retries }
}

/** A self-signed certificate made with openssl, or why there is none. */
function selfSigned(): { key: Buffer; cert: Buffer } | string {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'davkit-tls-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }
  } catch (error) {
    return `openssl could not make a certificate: ${String(error)}`
  }
}

const certificate = selfSigned()
let tlsServer: HttpsServer | undefined
afterAll(async () => {
  if (tlsServer !== undefined) await closeServer(tlsServer)
})

describe('a request that gets no answer', () => {
  test('a refused connection names its reason, host and port, and is retried', async () => {
    const port = await closedPort()
    const { error, retries } = await failureOf(`http://127.0.0.1:${port}/dav/`)
    expect(error.reason).toBe('connection-refused')
    expect(error.host).toBe('127.0.0.1')
    expect(error.port).toBe(port)
    expect(error.message).toContain(`connection refused (127.0.0.1:${port})`)
    expect(retries).toBe(2)
    expect(error.attempts).toBe(3)
  })

  test('an unknown host is not retried', async () => {
    const { error, retries } = await failureOf('http://no-such-host.invalid/dav/')
    expect(error.reason).toBe('host-not-found')
    expect(error.message).toContain('host not found (no-such-host.invalid:80)')
    expect(retries).toBe(0)
    expect(error.attempts).toBe(1)
  })

  test('a port fetch refuses to use is not retried', async () => {
    const { error, retries } = await failureOf('http://127.0.0.1:6000/dav/')
    expect(error.reason).toBe('bad-port')
    expect(error.port).toBe(6000)
    expect(retries).toBe(0)
  })

  test.skipIf(typeof certificate === 'string' && process.env['CI'] !== 'true')(
    'a certificate that is not trusted is a tls failure, not retried',
    async () => {
      if (typeof certificate === 'string') throw new Error(certificate)
      tlsServer = createHttpsServer(certificate, (_, response) => response.end())
      const port = await listenOnLoopback(tlsServer)
      const { error, retries } = await failureOf(`https://127.0.0.1:${port}/dav/`)
      expect(error.reason).toBe('tls')
      expect(error.port).toBe(port)
      expect(retries).toBe(0)
    },
  )
})
