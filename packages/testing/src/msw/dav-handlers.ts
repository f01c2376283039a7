import { HttpHandler, HttpResponse } from 'msw'
import type { DavServer } from '../dav-server.ts'
import { DavNetworkError } from '../network-error.ts'
import { normaliseBasePath } from '../store/paths.ts'

/**
 * msw request handlers serving a {@link DavServer} at `baseUrl`, for `setupServer` (msw/node)
 * and `setupWorker` (msw/browser). Every method is matched (WebDAV verbs included);
 * network faults become `HttpResponse.error()`.
 *
 * `baseUrl` is the origin (`https://dav.test`) or the origin and the server's `basePath`.
 * @example
 * const dav = createDavServer({ seed: { 'a.txt': 'hello' } })
 * const mock = setupServer(...davHandlers(dav, 'https://dav.test'))
 */
export function davHandlers(server: DavServer, baseUrl: string): HttpHandler[] {
  let base: URL
  try {
    base = new URL(baseUrl)
  } catch {
    throw new TypeError(`davHandlers needs an absolute base URL such as https://dav.test, got '${baseUrl}'`)
  }
  const basePath = normaliseBasePath(base.pathname)
  if (basePath !== '/' && basePath !== server.basePath) {
    throw new RangeError(`the path of baseUrl (${basePath}) must be / or the server's basePath (${server.basePath})`)
  }
  const root = server.basePath
  const rootNoSlash = root.slice(0, -1)
  const handler = new HttpHandler(
    /.*/,
    ({ request }) => {
      const url = new URL(request.url)
      return url.origin === base.origin && (url.pathname.startsWith(root) || url.pathname === rootNoSlash)
    },
    async ({ request }) => {
      try {
        return await server.handle(request)
      } catch (error) {
        if (error instanceof DavNetworkError) return HttpResponse.error()
        throw error
      }
    },
  )
  return [handler]
}
