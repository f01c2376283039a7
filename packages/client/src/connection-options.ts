import { InvalidRequestError } from './errors/invalid-request-error.ts'
import type { DavClientOptions } from './http/client-options.ts'

/** The client options after the base URL, for `createDavClient(url, options)` and `createDavConnection(url, options)`. */
export interface DavClientUrlOptions extends Omit<DavClientOptions, 'baseUrl'>, FlatCredentials {
  readonly baseUrl?: never
}

/**
 * Basic credentials given flat, as the `webdav` package takes them: the same as
 * `auth: { username, password }`, which they cannot be combined with.
 */
export interface FlatCredentials {
  readonly username?: string
  readonly password?: string
}

/**
 * The full options, from either call shape of `maker` (named in errors); flat credentials become `auth`.
 * @throws {InvalidRequestError} on a call shape neither form allows.
 */
export function normaliseOptions(
  maker: string,
  first: (DavClientOptions & FlatCredentials) | string | URL,
  rest: DavClientUrlOptions | undefined,
): DavClientOptions {
  if (typeof first !== 'string' && !(first instanceof URL)) {
    if (first === null || typeof first !== 'object') {
      throw new InvalidRequestError(`${maker} takes (url, options?) or ({ baseUrl, auth: { username, password } })`)
    }
    return withFlatCredentials(first)
  }
  if (rest !== undefined && rest.baseUrl !== undefined) {
    throw new InvalidRequestError(`${maker}(url, options): give the base URL once, not baseUrl in the options too`)
  }
  return withFlatCredentials({ ...rest, baseUrl: first })
}

function withFlatCredentials(options: DavClientOptions & FlatCredentials): DavClientOptions {
  const { username, password, ...rest } = options
  if (username === undefined && password === undefined) return rest
  // Never the values themselves in the message: only the shape.
  if (rest.auth !== undefined) {
    throw new InvalidRequestError('give credentials once: either auth: { username, password } or username and password, not both')
  }
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new InvalidRequestError('flat credentials need both username and password as strings (or use auth: { username, password })')
  }
  return { ...rest, auth: { username, password } }
}
