import { md5 } from '@noble/hashes/legacy.js'
import { sha256, sha512_256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

/** A Digest algorithm the fake server can ask for (RFC 7616 §6.1). */
export type ServerDigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess'

/** Authentication the fake server requires of every request. */
export interface DavServerAuth {
  /** The accounts: username → password. */
  readonly users: Readonly<Record<string, string>>
  /** The schemes challenged with, in this order (default `['digest']`; `['basic']`, or both). */
  readonly schemes?: readonly ('basic' | 'digest')[]
  /** The realm (default `davkit`). */
  readonly realm?: string
  /** The Digest algorithms offered, one challenge each, in order (default `['SHA-256', 'MD5']`). */
  readonly algorithms?: readonly ServerDigestAlgorithm[]
  /** The qop values offered (default `['auth']`). */
  readonly qop?: readonly ('auth' | 'auth-int')[]
  /** Offer `userhash=true` (default `false`). */
  readonly userhash?: boolean
  /** Send `Authentication-Info` with a `nextnonce` after each accepted Digest request (default `false`). */
  readonly nextnonce?: boolean
}

/** The auth of a running fake server, for tests to control. */
export interface ServerAuthControl {
  /** Makes every nonce handed out so far stale: its next use gets a 401 with `stale=true`. */
  expireNonces(): void
}

/** Checks each request's credentials; `undefined` when the server requires none. */
export interface AuthGate extends ServerAuthControl {
  /** A 401 for a request without acceptable credentials, or the headers to add to its answer. */
  check(request: Request, body: Uint8Array): { readonly refused: Response } | { readonly headers: Readonly<Record<string, string>> }
}

const encoder = new TextEncoder()
const HASHES = { MD5: md5, 'SHA-256': sha256, 'SHA-512-256': sha512_256 } as const

function hash(algorithm: keyof typeof HASHES, data: string | Uint8Array): string {
  return bytesToHex(HASHES[algorithm](typeof data === 'string' ? encoder.encode(data) : data))
}

/** The parameters of a Digest `Authorization` value (the server's own reader, independent of the client's). */
function digestParams(value: string): Record<string, string> {
  const params: Record<string, string> = {}
  const pattern = /([A-Za-z0-9*_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  for (const match of value.matchAll(pattern)) {
    params[(match[1] ?? '').toLowerCase()] = match[2] === undefined ? (match[3] ?? '') : match[2].replace(/\\(.)/g, '$1')
  }
  return params
}

function base64Utf8Decode(value: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/** Builds the gate of `auth`. Nonces are random, valid until expired by `expireNonces`; nonce counts must grow. */
export function createAuthGate(auth: DavServerAuth): AuthGate {
  const realm = auth.realm ?? 'davkit'
  const schemes = auth.schemes ?? ['digest']
  const algorithms = auth.algorithms ?? ['SHA-256', 'MD5']
  const qop = auth.qop ?? ['auth']
  /** Live nonces and the highest nonce count seen with each. */
  const nonces = new Map<string, number>()
  const expired = new Set<string>()
  const newNonce = (): string => {
    const nonce = bytesToHex(crypto.getRandomValues(new Uint8Array(16)))
    nonces.set(nonce, 0)
    return nonce
  }

  const refuse = (stale: boolean): { refused: Response } => {
    const headers = new Headers({ 'Content-Type': 'text/plain; charset=utf-8' })
    for (const scheme of schemes) {
      if (scheme === 'basic') {
        headers.append('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`)
        continue
      }
      for (const algorithm of algorithms) {
        const parts = [
          `realm="${realm}"`,
          `qop="${qop.join(', ')}"`,
          `algorithm=${algorithm}`,
          `nonce="${newNonce()}"`,
          'opaque="davkit-opaque"',
        ]
        if (auth.userhash === true) parts.push('userhash=true')
        if (stale) parts.push('stale=true')
        headers.append('WWW-Authenticate', `Digest ${parts.join(', ')}`)
      }
    }
    return { refused: new Response('Authentication required.\n', { status: 401, statusText: 'Unauthorized', headers }) }
  }

  const checkDigest = (request: Request, body: Uint8Array, value: string): { refused: Response } | { headers: Record<string, string> } => {
    const p = digestParams(value)
    const named = (p['algorithm'] ?? 'MD5').toUpperCase()
    const algorithm = algorithms.find((a) => a.toUpperCase() === named)
    const nonce = p['nonce'] ?? ''
    if (algorithm === undefined || p['realm'] !== realm || p['opaque'] !== 'davkit-opaque') return refuse(false)
    const base = algorithm.replace(/-sess$/, '') as keyof typeof HASHES
    const H = (data: string | Uint8Array): string => hash(base, data)
    const url = new URL(request.url)
    if (p['uri'] !== `${url.pathname}${url.search}`) return refuse(false)
    let username: string | undefined = p['username']
    if (p['userhash'] === 'true') username = Object.keys(auth.users).find((name) => H(`${name}:${realm}`) === p['username'])
    else if (p['username*'] !== undefined) username = decodeURIComponent(p['username*'].replace(/^UTF-8''/i, ''))
    const password = username === undefined || !Object.hasOwn(auth.users, username) ? undefined : auth.users[username]
    if (username === undefined || password === undefined) return refuse(false)
    const used = p['qop']
    if (used === undefined || !qop.includes(used as 'auth') || !/^[0-9a-f]{8}$/.test(p['nc'] ?? '')) return refuse(false)
    const cnonce = p['cnonce'] ?? ''
    let ha1 = H(`${username}:${realm}:${password}`)
    if (algorithm.endsWith('-sess')) ha1 = H(`${ha1}:${nonce}:${cnonce}`)
    const ha2 = H(used === 'auth-int' ? `${request.method}:${p['uri']}:${H(body)}` : `${request.method}:${p['uri']}`)
    if (p['response'] !== H(`${ha1}:${nonce}:${p['nc']}:${cnonce}:${used}:${ha2}`)) return refuse(false)
    // The password was right: only now does an expired or unknown nonce mean "stale".
    const seen = nonces.get(nonce)
    if (seen === undefined || expired.has(nonce)) return refuse(true)
    const count = Number.parseInt(p['nc'] ?? '', 16)
    if (count <= seen) return refuse(true)
    nonces.set(nonce, count)
    if (auth.nextnonce !== true) return { headers: {} }
    return { headers: { 'Authentication-Info': `nextnonce="${newNonce()}", qop=${used}, rspauth="-", cnonce="${cnonce}", nc=${p['nc']}` } }
  }

  return {
    check(request, body) {
      const value = request.headers.get('authorization') ?? ''
      const space = value.indexOf(' ')
      const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase()
      if (scheme === 'basic' && schemes.includes('basic')) {
        const pair = base64Utf8Decode(value.slice(space + 1).trim())
        const colon = pair?.indexOf(':') ?? -1
        const name = pair?.slice(0, colon)
        if (
          pair !== undefined &&
          name !== undefined &&
          colon > 0 &&
          Object.hasOwn(auth.users, name) &&
          auth.users[name] === pair.slice(colon + 1)
        ) {
          return { headers: {} }
        }
        return refuse(false)
      }
      if (scheme === 'digest' && schemes.includes('digest')) return checkDigest(request, body, value.slice(space + 1))
      return refuse(false)
    },
    expireNonces() {
      for (const nonce of nonces.keys()) expired.add(nonce)
    },
  }
}
