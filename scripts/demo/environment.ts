import type { DavAuth } from '../../packages/client/src/index.ts'

/** Where the demo runs its session. */
export type DemoTarget =
  | { readonly kind: 'fake' }
  | {
      readonly kind: 'remote'
      /** The collection under which the session's temporary folder is made. */
      readonly url: URL
      readonly auth: DavAuth | undefined
      /** How the credentials were given, for the banner (never the credentials themselves). */
      readonly authLabel: string
    }

/** A configuration the demo cannot run with. */
export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError'
}

/**
 * Reads `DAV_URL`, `DAV_USERNAME`/`DAV_PASSWORD` and `DAV_TOKEN`. Without `DAV_URL` the demo uses
 * its embedded fake server. Userinfo in `DAV_URL` is accepted (the client turns it into Basic auth).
 */
export function readTarget(env: NodeJS.ProcessEnv): DemoTarget {
  const raw = env['DAV_URL']?.trim()
  if (raw === undefined || raw === '') return { kind: 'fake' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new DemoConfigError('DAV_URL is not an absolute URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DemoConfigError(`DAV_URL must be http or https, not ${url.protocol}`)
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  const token = env['DAV_TOKEN']
  const username = env['DAV_USERNAME']
  const password = env['DAV_PASSWORD']
  if (token !== undefined && token !== '') {
    if (username !== undefined && username !== '') throw new DemoConfigError('set either DAV_TOKEN or DAV_USERNAME/DAV_PASSWORD, not both')
    return { kind: 'remote', url, auth: { token }, authLabel: 'Bearer token (DAV_TOKEN)' }
  }
  if (username !== undefined && username !== '') {
    return { kind: 'remote', url, auth: { username, password: password ?? '' }, authLabel: `Basic as ${username}` }
  }
  if (url.username !== '')
    return { kind: 'remote', url, auth: undefined, authLabel: `Basic as ${decodeURIComponent(url.username)} (from DAV_URL)` }
  return { kind: 'remote', url, auth: undefined, authLabel: 'no credentials' }
}

/** A URL as it may be printed: no userinfo, no query (tokens hide there too). */
export function printableUrl(url: URL | string): string {
  const copy = new URL(url)
  copy.username = ''
  copy.password = ''
  copy.search = ''
  copy.hash = ''
  return copy.href
}
