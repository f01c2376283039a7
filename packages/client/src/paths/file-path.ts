import type { ResourceHref } from '@davkit/types'
import { decodePath } from '../multistatus/resolve-href.ts'
import { resolveTarget } from './resolve-target.ts'

/** A decoded path with a single trailing slash removed (`/a/b/` and `/a/b` are the same resource). */
function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
}

/**
 * The file-layer path of a resource: decoded, relative to the base URL, without trailing slash
 * (`''` for the base itself). `href` is a `ResourceHref` from a result, an absolute `URL`, or a
 * server path as `href.path` holds it (`/remote.php/dav/files/alice/My file.txt`). A resource on
 * another origin or outside the base keeps its absolute decoded path (starting with `/`).
 *
 * @example
 * filePathOf(new URL('https://dav.example/files/alice/'), '/files/alice/Documents/a b.txt') // 'Documents/a b.txt'
 */
export function filePathOf(baseUrl: URL, href: ResourceHref | URL | string): string {
  const resource =
    typeof href === 'string'
      ? { url: undefined, path: href }
      : href instanceof URL
        ? { url: href.href, path: decodePath(href.pathname) }
        : href
  const basePath = withoutTrailingSlash(decodePath(baseUrl.pathname))
  const path = withoutTrailingSlash(resource.path)
  let sameOrigin = true
  if (resource.url !== undefined) {
    try {
      sameOrigin = new URL(resource.url).origin === baseUrl.origin
    } catch {
      sameOrigin = false
    }
  }
  if (!sameOrigin) return path
  if (path === basePath || (path === '/' && basePath === '')) return ''
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`
  return path.startsWith(prefix) ? path.slice(prefix.length) : path
}

/**
 * The absolute URL of a file-layer path (decoded, relative to the base URL), percent-encoded:
 * the inverse of {@link filePathOf}.
 *
 * @example
 * urlOfFilePath(new URL('https://dav.example/files/alice/'), 'Documents/a b.txt').href
 * // 'https://dav.example/files/alice/Documents/a%20b.txt'
 */
export function urlOfFilePath(baseUrl: URL, path: string): URL {
  return resolveTarget(baseUrl, path)
}
