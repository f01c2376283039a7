import { blockingModify, lockedResponse } from '../conditions/lock-check.ts'
import type { RequestContext } from '../context.ts'
import { entityPrecondition } from '../methods/entity-conditions.ts'
import { exceedsQuota } from '../methods/quota.ts'
import { plain } from '../responses.ts'
import { writeAt } from './write-at.ts'

/** Where a SabreDAV partial update writes: at `start`, `append`ed, or `fromEnd` bytes before the end. */
export type UpdateRange =
  | { readonly kind: 'start'; readonly start: number; readonly end: number | undefined }
  | { readonly kind: 'append' }
  | { readonly kind: 'from-end'; readonly bytes: number }

/** Parses `X-Update-Range` (`bytes=a-b`, `bytes=a-`, `bytes=-n`, `append`); `undefined` when malformed. */
export function parseUpdateRange(value: string): UpdateRange | undefined {
  const text = value.trim()
  if (text.toLowerCase() === 'append') return { kind: 'append' }
  const match = /^bytes=(\d*)-(\d*)$/i.exec(text)
  if (match === null) return undefined
  const [, first = '', last = ''] = match
  if (first === '') return last === '' ? undefined : { kind: 'from-end', bytes: Number(last) }
  return { kind: 'start', start: Number(first), end: last === '' ? undefined : Number(last) }
}

const PARTIAL_UPDATE = 'application/x-sabredav-partialupdate'

/**
 * `PATCH` with `X-Update-Range`, as SabreDAV's partial update plugin takes it
 * (https://sabre.io/dav/http-patch/): only an existing file is patched (404 without one, 405 on a
 * collection), the content type must be `application/x-sabredav-partialupdate` (415), a malformed
 * range is a 400, and a range whose length differs from the body's or whose end is before its
 * start a 416. A start beyond the end leaves zero bytes between; `bytes=-n` starts n bytes before
 * the end. 204 with the new `ETag`. With partial updates off, `PATCH` is not allowed (405). A
 * body cut short writes nothing.
 */
export function sabrePatch(ctx: RequestContext): Response {
  if (!ctx.state.uploads.sabrePatch) return plain(405, 'PATCH is not supported.\n')
  // PHP commonly has the whole body (the web server buffers it) before SabreDAV runs: a cut one writes nothing.
  if (ctx.bodyCut) return plain(400, 'The request body was cut.\n')
  const { store } = ctx.state
  const existing = store.get(ctx.path)
  if (existing === undefined) return plain(404, 'Not Found\n')
  if (existing.kind !== 'file') return plain(405, 'A collection cannot be patched.\n')
  const type = ctx.request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== PARTIAL_UPDATE) return plain(415, `The Content-Type must be ${PARTIAL_UPDATE}.\n`)
  const header = ctx.request.headers.get('X-Update-Range')
  const range = header === null ? undefined : parseUpdateRange(header)
  if (range === undefined) return plain(400, 'No valid X-Update-Range found in the headers.\n')
  if (range.kind === 'start' && range.end !== undefined) {
    if (range.end < range.start) return plain(416, 'The end offset is lower than the start offset.\n')
    if (range.end - range.start + 1 !== ctx.body.byteLength) return plain(416, 'The Content-Length does not match the range.\n')
  }
  if (entityPrecondition(ctx.request.headers, existing, false) !== undefined) return plain(412, 'Precondition Failed\n')
  const lock = blockingModify(ctx, ctx.path)
  if (lock !== undefined) return lockedResponse(ctx, lock)
  const length = existing.content.byteLength
  const start = range.kind === 'append' ? length : range.kind === 'from-end' ? Math.max(0, length - range.bytes) : range.start
  const content = writeAt(existing.content, start, ctx.body)
  if (exceedsQuota(ctx, content.byteLength, length)) return plain(507, 'Insufficient Storage\n')
  store.writeContent(existing, content, undefined)
  return plain(204, undefined, { ETag: existing.etag })
}
