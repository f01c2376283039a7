import type { RequestContext } from '../context.ts'
import { hrefOf, plain } from '../responses.ts'
import { reasonPhrase } from '../status-text.ts'
import { escapeText } from '../xml/write-xml.ts'
import type { FileResource, Resource } from '../store/resource.ts'
import { entityPrecondition } from './entity-conditions.ts'

/** A single byte range resolved against a length: `[start, end]` inclusive, or unsatisfiable. */
type RangeResult = { kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' }

function parseRange(header: string | null, length: number): RangeResult {
  if (header === null) return { kind: 'none' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  // Multiple ranges or other units: ignoring Range is allowed (RFC 9110 section 14.2).
  if (match === null) return { kind: 'none' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'none' }
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || length === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', start: Math.max(0, length - suffix), end: length - 1 }
  }
  const start = Number(first)
  if (start >= length) return { kind: 'unsatisfiable' }
  const end = last === '' ? length - 1 : Math.min(Number(last), length - 1)
  if (end < start) return { kind: 'none' }
  return { kind: 'range', start, end }
}

/**
 * RFC 9110 section 13.1.5: an entity tag holds when it is strong and equal to the current one
 * (strong comparison), a date when it is exactly the `Last-Modified` the server sends.
 */
function ifRangeHolds(value: string, file: FileResource): boolean {
  if (value.startsWith('"')) return value === file.etag
  if (value.startsWith('W/')) return false
  return value === file.modified.toUTCString()
}

function entityHeaders(resource: Resource): Record<string, string> {
  return { ETag: resource.etag, 'Last-Modified': resource.modified.toUTCString() }
}

function collectionListing(ctx: RequestContext, resource: Resource & { kind: 'collection' }): string {
  const items = [...resource.children].map(([name, child]) => {
    const href = hrefOf(ctx, [...ctx.path, name], child.kind === 'collection')
    return `<li><a href="${escapeText(href)}">${escapeText(name)}${child.kind === 'collection' ? '/' : ''}</a></li>`
  })
  return `<!doctype html><title>Index of ${escapeText(hrefOf(ctx, ctx.path, true))}</title><ul>${items.join('')}</ul>\n`
}

function fileResponse(ctx: RequestContext, file: FileResource, head: boolean): Response {
  const headers: Record<string, string> = { ...entityHeaders(file), 'Content-Type': file.contentType, 'Accept-Ranges': 'bytes' }
  const length = file.content.byteLength
  const ifRange = ctx.request.headers.get('If-Range')
  const rangeApplies = ifRange === null || ifRangeHolds(ifRange.trim(), file)
  const range = rangeApplies ? parseRange(ctx.request.headers.get('Range'), length) : { kind: 'none' as const }
  if (range.kind === 'unsatisfiable') return plain(416, 'Range Not Satisfiable\n', { 'Content-Range': `bytes */${length}` })
  if (range.kind === 'range') {
    const slice = file.content.slice(range.start, range.end + 1)
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${length}`
    headers['Content-Length'] = String(slice.byteLength)
    return new Response(head ? null : slice, { status: 206, statusText: reasonPhrase(206), headers })
  }
  headers['Content-Length'] = String(length)
  return new Response(head ? null : file.content.slice(), { status: 200, statusText: 'OK', headers })
}

/** GET and HEAD: file content with ETag and Last-Modified, byte ranges (206/416), conditional 304/412; an HTML index for collections. */
export function get(ctx: RequestContext): Response {
  const resource = ctx.state.store.get(ctx.path)
  if (resource === undefined) return plain(404, 'Not Found\n')
  const head = ctx.method === 'HEAD'
  const condition = entityPrecondition(ctx.request.headers, resource, true)
  if (condition !== undefined) return plain(condition, condition === 412 ? 'Precondition Failed\n' : undefined, entityHeaders(resource))
  if (resource.kind === 'file') return fileResponse(ctx, resource, head)
  const listing = collectionListing(ctx, resource)
  return new Response(head ? null : listing, {
    status: 200,
    statusText: 'OK',
    headers: { ...entityHeaders(resource), 'Content-Type': 'text/html; charset=utf-8' },
  })
}
