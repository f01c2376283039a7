import type { Challenge } from './challenge.ts'

/**
 * A username and password, answering whichever scheme the server challenges with: Basic (RFC
 * 7617, the pair UTF-8 encoded) or Digest (RFC 7616: MD5, SHA-256, SHA-512-256, their `-sess`
 * variants, `userhash`). Basic is sent before any challenge unless `preemptiveBasic` is `false`.
 */
export interface BasicAuth {
  readonly username: string
  readonly password: string
  /**
   * Send Basic with the first request, before the server has challenged (default `true`, one
   * round trip fewer). `false`: send nothing until a challenge says which scheme, so that the
   * password never goes out in Basic form to a server that asks for Digest.
   */
  readonly preemptiveBasic?: boolean | undefined
}

/** A bearer token (RFC 6750), sent as `Authorization: Bearer <token>`. */
export interface BearerAuth {
  readonly token: string
}

/** What a per-request auth function is told. */
export interface AuthContext {
  readonly method: string
  /** The full request URL (always on the client's origin). */
  readonly url: string
  /** The attempt number, from 1: a function can refresh its token between attempts. */
  readonly attempt: number
  readonly signal: AbortSignal | undefined
  /**
   * Set when the headers this function returned last were refused with 401: the server's
   * challenges, parsed. Return fresh credentials (an OAuth refresh); the request is repeated once,
   * and a second 401 rejects with `UnauthorizedError`.
   */
  readonly refused?: { readonly challenges: readonly Challenge[] } | undefined
}

/**
 * Headers computed for each attempt, e.g. a token that is refreshed when it expires. Whatever it
 * returns is added to that attempt only, and only ever sent to the client's origin.
 */
export type AuthFunction = (context: AuthContext) => HeadersInit | Promise<HeadersInit>

/** How the client authenticates. */
export type DavAuth = BasicAuth | BearerAuth | AuthFunction

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The `Authorization` value of a Basic pair. */
export function basicAuthorization(auth: BasicAuth): string {
  return `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`
}

/** The headers `auth` adds to one attempt. */
export async function resolveAuthHeaders(auth: DavAuth | undefined, context: AuthContext): Promise<Headers> {
  if (auth === undefined) return new Headers()
  if (typeof auth === 'function') return new Headers(await auth(context))
  if ('token' in auth) return new Headers({ authorization: `Bearer ${auth.token}` })
  return new Headers({ authorization: basicAuthorization(auth) })
}
