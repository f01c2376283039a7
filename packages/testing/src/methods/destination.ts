import type { RequestContext } from '../context.ts'
import { plain } from '../responses.ts'
import { toStorePath, type StorePath } from '../store/paths.ts'

/** The `Destination` of a COPY or MOVE as a store path, or the response refusing it. */
export type DestinationResult = { readonly ok: true; readonly path: StorePath } | { readonly ok: false; readonly response: Response }

/**
 * Reads `Destination` (an absolute URL or an absolute path): 400 when missing or malformed,
 * 502 when it names another origin or lies outside this store (RFC 4918 section 9.8.5).
 */
export function readDestination(ctx: RequestContext): DestinationResult {
  const header = ctx.request.headers.get('Destination')
  if (header === null || header.trim() === '') return { ok: false, response: plain(400, 'COPY and MOVE need a Destination header.\n') }
  let url: URL
  try {
    url = new URL(header.trim(), ctx.url)
  } catch {
    return { ok: false, response: plain(400, 'The Destination header is not a URL.\n') }
  }
  if (url.origin !== ctx.url.origin) return { ok: false, response: plain(502, 'The Destination is on another server.\n') }
  const mapped = toStorePath(url.pathname, ctx.state.basePath)
  if (!mapped.ok) {
    return mapped.error === 'outside-base'
      ? { ok: false, response: plain(502, 'The Destination is outside this WebDAV store.\n') }
      : { ok: false, response: plain(400, `The Destination path is not acceptable (${mapped.error}).\n`) }
  }
  return { ok: true, path: mapped.path }
}

/** Reads `Overwrite` (T by default): undefined when it is neither T nor F. */
export function readOverwrite(ctx: RequestContext): boolean | undefined {
  const header = ctx.request.headers.get('Overwrite')
  if (header === null) return true
  const value = header.trim().toUpperCase()
  return value === 'T' ? true : value === 'F' ? false : undefined
}
