import { basicAuthorization, resolveAuthHeaders, type BasicAuth, type DavAuth } from './auth.ts'
import { parseChallenges, type Challenge } from './challenge.ts'
import { digestAuthorization, digestChallenges, newCnonce, type DigestChallenge } from './digest.ts'

/** What the authenticator is told about one hop. */
export interface HopContext {
  readonly method: string
  readonly url: URL
  readonly attempt: number
  readonly signal: AbortSignal | undefined
  /** The body's bytes when they can be had at once (for Digest `auth-int`); called only then. */
  readonly body: () => Uint8Array | undefined
  /** On the hop that repeats a request after a 401: the challenges of that 401. */
  readonly refused: readonly Challenge[] | undefined
}

/** What to do about a 401. */
export type ChallengeAnswer =
  /** Send the request again: there are credentials to answer the challenge (or fresh ones). */
  | 'repeat'
  /** Return the 401 as it is (wrong password, nothing to answer with). */
  | 'give-up'
  /** The fresh credentials of a renewable auth were refused too. */
  | 'refused'

/**
 * The auth of one client, with what it learnt from the server: the Digest challenge in use and
 * its nonce count, whether Basic was accepted, whether a function's credentials were refused.
 */
export interface Authenticator {
  /** The auth headers of one hop. */
  headers(context: HopContext): Promise<Headers>
  /**
   * A 401 came back to headers made by `headers` (`sent`: the Authorization value, if any);
   * `repeated`: the request was already repeated once for auth.
   */
  challenged(response: Response, sent: string | null, repeated: boolean): ChallengeAnswer
  /** A non-401 answer: an `Authentication-Info: nextnonce` is used from now on. */
  answered(response: Response): void
  /** Whether a body that cannot be sent twice should wait until a challenge has been learnt. */
  wantsChallengeFirst(): boolean
}

/** The authenticator of `auth`; `undefined` when there is no auth. */
export function createAuthenticator(auth: DavAuth | undefined): Authenticator | undefined {
  if (auth === undefined) return undefined
  if (typeof auth === 'function') return renewable(auth)
  if ('token' in auth) {
    const headers = new Headers({ authorization: `Bearer ${auth.token}` })
    return { headers: async () => headers, challenged: () => 'give-up', answered: () => undefined, wantsChallengeFirst: () => false }
  }
  return password(auth)
}

/** An auth function: asked again, once, with the challenges, when what it returned was refused. */
function renewable(auth: DavAuth & ((...args: never[]) => unknown)): Authenticator {
  return {
    headers: async ({ method, url, attempt, signal, refused }) =>
      await resolveAuthHeaders(auth, {
        method,
        url: url.href,
        attempt,
        signal,
        refused: refused === undefined ? undefined : { challenges: refused },
      }),
    challenged: (_response, _sent, repeated) => (repeated ? 'refused' : 'repeat'),
    answered: () => undefined,
    wantsChallengeFirst: () => false,
  }
}

/** A username and password: Basic first (unless told not to), Digest as soon as a server asks for it. */
function password(auth: BasicAuth): Authenticator {
  const basic = basicAuthorization(auth)
  let digest: DigestChallenge | undefined
  let nonceCount = 0
  let learnt = false
  return {
    headers: async ({ method, url, body }) => {
      if (digest !== undefined) {
        nonceCount++
        const uri = `${url.pathname}${url.search}`
        const hashed = digest.qop.includes('auth-int') && !digest.qop.includes('auth') ? body() : undefined
        return new Headers({
          authorization: await digestAuthorization(digest, auth, { method, uri, nonceCount, cnonce: newCnonce(), body: hashed }),
        })
      }
      if (auth.preemptiveBasic === false && !learnt) return new Headers()
      return new Headers({ authorization: basic })
    },
    challenged: (response, sent, repeated) => {
      learnt = true
      if (repeated) return 'give-up'
      const challenges = parseChallenges(response.headers.get('www-authenticate'))
      const [offered] = digestChallenges(challenges)
      if (offered !== undefined) {
        const sentDigest = sent?.startsWith('Digest ') === true
        // Digest with this nonce refused, and not because the nonce expired: the password is wrong.
        if (
          sentDigest &&
          digest !== undefined &&
          !offered.stale &&
          sent.includes(`nonce="${digest.nonce}"`) &&
          digest.realm === offered.realm
        ) {
          return 'give-up'
        }
        digest = offered
        nonceCount = 0
        return 'repeat'
      }
      return challenges.some((c) => c.scheme === 'basic') && sent !== basic ? 'repeat' : 'give-up'
    },
    answered: (response) => {
      learnt = true
      if (digest === undefined) return
      const next = /nextnonce="([^"]*)"/.exec(response.headers.get('authentication-info') ?? '')?.[1]
      if (next !== undefined && next !== digest.nonce) {
        digest = { ...digest, nonce: next, stale: false }
        nonceCount = 0
      }
    },
    wantsChallengeFirst: () => !learnt,
  }
}
