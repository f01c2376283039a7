import type { ResourceHref } from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { redactUrl } from '../http/redact.ts'
import { encodePath } from './encode-path.ts'

/**
 * What a method addresses:
 * - a `string`: a decoded path relative to the base URL (`'Documents/My file.txt'`; a leading `/`
 *   is relative to the base URL too, not to the server root), encoded by davkit;
 * - a `URL`: an absolute, already-encoded URL, used as it is;
 * - a `ResourceHref` from an earlier result: its resolved URL, used as it is.
 */
export type DavTarget = string | URL | ResourceHref

/** The absolute URL of a target, without userinfo or fragment. Origin checks happen when sending. */
export function resolveTarget(base: URL, target: DavTarget): URL {
  let url: URL
  if (typeof target === 'string') {
    url = new URL(encodePath(target), base)
  } else if (target instanceof URL) {
    url = new URL(target.href)
  } else {
    if (target.url === undefined) {
      throw new InvalidRequestError(`href ${JSON.stringify(target.raw)} could not be resolved to a URL`)
    }
    try {
      url = new URL(target.url)
    } catch {
      // Not the runtime's error as the cause: it keeps the whole input, userinfo included.
      throw new InvalidRequestError(`href ${JSON.stringify(redactUrl(target.url))} is not an absolute URL`)
    }
  }
  url.username = ''
  url.password = ''
  url.hash = ''
  return url
}
