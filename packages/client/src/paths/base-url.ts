import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { BasicAuth } from '../http/auth.ts'
import { redactUrl } from '../http/redact.ts'

/** A base URL ready to resolve paths against, and the credentials that were in its userinfo. */
export interface BaseUrl {
  /** Absolute http(s) URL whose path ends with `/`, without userinfo, query or fragment. */
  readonly url: URL
  /** `https://alice:secret@host/` gives Basic credentials; they are removed from the URL. */
  readonly credentials: BasicAuth | undefined
}

/**
 * Normalises the client's base URL: any path prefix, with or without a trailing slash
 * (`.../files/alice` and `.../files/alice/` are the same collection).
 */
export function parseBaseUrl(input: string | URL): BaseUrl {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    // Not the runtime's error as the cause: Node's TypeError keeps the whole input, password
    // included, in its `input` property.
    throw new InvalidRequestError(`baseUrl ${JSON.stringify(redactUrl(String(input)))} is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidRequestError(`baseUrl must be http: or https:, not ${url.protocol}`)
  }
  if (url.search !== '') {
    throw new InvalidRequestError('baseUrl must not have a query string: paths are appended to it')
  }
  const credentials =
    url.username !== '' || url.password !== ''
      ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : undefined
  url.username = ''
  url.password = ''
  url.hash = ''
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`
  return { url, credentials }
}
