import type { Challenge } from './challenge.ts'
import { md5 } from './md5.ts'

/**
 * The Digest algorithms answered, strongest first. RFC 7616's SHA-512-256 is not among them: Web
 * Crypto lacks it, and a JavaScript SHA-512 costs the browser bundle more than it is worth while
 * servers offer SHA-256 or MD5 beside it (Apache: MD5 only; lighttpd: MD5 and SHA-256).
 */
export const DIGEST_ALGORITHMS = ['SHA-256', 'MD5'] as const
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number]

/** A Digest challenge this client can answer. */
export interface DigestChallenge {
  readonly realm: string
  readonly nonce: string
  readonly opaque: string | undefined
  readonly algorithm: DigestAlgorithm
  /** `-sess`: the session variant (HA1 hashed again with the nonces). */
  readonly session: boolean
  /** The qop values offered (`auth`, `auth-int`); empty for an RFC 2069 server. */
  readonly qop: readonly string[]
  readonly userhash: boolean
  /** The server said the nonce had expired, not that the credentials were wrong. */
  readonly stale: boolean
}

const encoder = new TextEncoder()

function hex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

/** Hashes text to lower-case hex: SHA-256 from Web Crypto, MD5 (which it lacks) from `md5.ts`. */
export async function digestHash(algorithm: DigestAlgorithm, data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data
  if (algorithm === 'MD5') return hex(md5(bytes))
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)))
}

/** The Digest challenges among `challenges` this client can answer, strongest algorithm first. */
export function digestChallenges(challenges: readonly Challenge[]): DigestChallenge[] {
  const found: DigestChallenge[] = []
  for (const { scheme, params } of challenges) {
    if (scheme !== 'digest' || params['nonce'] === undefined) continue
    const named = (params['algorithm'] ?? 'MD5').toUpperCase()
    const session = named.endsWith('-SESS')
    const algorithm = DIGEST_ALGORITHMS.find((a) => a === (session ? named.slice(0, -5) : named))
    if (algorithm === undefined) continue
    found.push({
      realm: params['realm'] ?? '',
      nonce: params['nonce'],
      opaque: params['opaque'],
      algorithm,
      session,
      qop: (params['qop'] ?? '')
        .split(',')
        .map((q) => q.trim().toLowerCase())
        .filter((q) => q !== ''),
      userhash: params['userhash']?.toLowerCase() === 'true',
      stale: params['stale']?.toLowerCase() === 'true',
    })
  }
  return found.sort((a, b) => DIGEST_ALGORITHMS.indexOf(a.algorithm) - DIGEST_ALGORITHMS.indexOf(b.algorithm))
}

/** What one Digest answer is made of, besides the challenge and the credentials. */
export interface DigestAnswerInput {
  readonly method: string
  /** The request target as sent: path and query. */
  readonly uri: string
  /** 1 for the first use of this nonce. */
  readonly nonceCount: number
  readonly cnonce: string
  /** The request body when it can be hashed, for `auth-int`; `undefined` when it cannot. */
  readonly body: Uint8Array | undefined
}

/** A fresh client nonce: 128 random bits in hex. */
export function newCnonce(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)))
}

function quoted(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/

/** The username parameter: plain, hashed (`userhash`), or RFC 8187 encoded when it is not ASCII. */
async function usernameParam(challenge: DigestChallenge, username: string): Promise<string> {
  if (challenge.userhash) return `username=${quoted(await digestHash(challenge.algorithm, `${username}:${challenge.realm}`))}`
  if (ASCII_PRINTABLE.test(username)) return `username=${quoted(username)}`
  return `username*=UTF-8''${encodeURIComponent(username)}`
}

/**
 * The `Authorization` value answering `challenge` (RFC 7616 §3.4): `qop=auth-int` only when it is
 * the only one offered and the body can be hashed; no qop for an RFC 2069 challenge.
 */
export async function digestAuthorization(
  challenge: DigestChallenge,
  credentials: { readonly username: string; readonly password: string },
  input: DigestAnswerInput,
): Promise<string> {
  const { algorithm } = challenge
  const H = (text: string | Uint8Array): Promise<string> => digestHash(algorithm, text)
  const qop = challenge.qop.includes('auth')
    ? 'auth'
    : challenge.qop.includes('auth-int') && input.body !== undefined
      ? 'auth-int'
      : challenge.qop.length === 0
        ? undefined
        : 'auth'
  const nc = input.nonceCount.toString(16).padStart(8, '0')
  let ha1 = await H(`${credentials.username}:${challenge.realm}:${credentials.password}`)
  if (challenge.session) ha1 = await H(`${ha1}:${challenge.nonce}:${input.cnonce}`)
  const ha2 = await H(
    qop === 'auth-int' ? `${input.method}:${input.uri}:${await H(input.body ?? new Uint8Array(0))}` : `${input.method}:${input.uri}`,
  )
  const response =
    qop === undefined
      ? await H(`${ha1}:${challenge.nonce}:${ha2}`)
      : await H(`${ha1}:${challenge.nonce}:${nc}:${input.cnonce}:${qop}:${ha2}`)
  const parts = [
    await usernameParam(challenge, credentials.username),
    `realm=${quoted(challenge.realm)}`,
    `uri=${quoted(input.uri)}`,
    `algorithm=${algorithm}${challenge.session ? '-sess' : ''}`,
    `nonce=${quoted(challenge.nonce)}`,
  ]
  if (qop !== undefined) parts.push(`nc=${nc}`, `cnonce=${quoted(input.cnonce)}`, `qop=${qop}`)
  parts.push(`response=${quoted(response)}`)
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoted(challenge.opaque)}`)
  if (challenge.userhash) parts.push('userhash=true')
  return `Digest ${parts.join(', ')}`
}
