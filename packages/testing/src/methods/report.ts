import type { RequestContext } from '../context.ts'
import { davErrorResponse, multistatus, plain, statusResponse } from '../responses.ts'
import { changesSince, syncRevisionOf, type MemberChange } from '../store/change-log.ts'
import { syncToken } from '../store/live-props.ts'
import { readXmlBody } from '../xml/request-body.ts'
import { childElements, dav, DAV_NS, findChild, isDav, text, textContent, type XmlElement, type XmlNode } from '../xml/xml-node.ts'
import { describeResource, readPropRequest } from './prop-request.ts'

function unsupported(ctx: RequestContext): Response {
  return davErrorResponse(ctx, 403, [dav('supported-report')])
}

/** The revision a sync token names, if this server issued it and it is not from the future. */
function revisionOf(ctx: RequestContext, token: string): number | undefined {
  if (!token.startsWith(ctx.state.syncTokenPrefix)) return undefined
  const digits = token.slice(ctx.state.syncTokenPrefix.length)
  if (!/^\d+$/.test(digits)) return undefined
  const revision = Number(digits)
  return revision <= ctx.state.store.revision ? revision : undefined
}

/**
 * REPORT, with the RFC 6578 `sync-collection` report: members changed since a sync token
 * (with the requested properties) and 404 responses for removed ones, at sync-level 1 or infinite.
 * Unknown tokens get 403 `valid-sync-token`; a `DAV:limit` smaller than the changes truncates
 * them, marked by a 507 response with `number-of-matches-within-limits` for the collection.
 */
export function report(ctx: RequestContext): Response {
  const { store } = ctx.state
  const resource = store.get(ctx.path)
  if (resource === undefined) return plain(404, 'Not Found\n')
  const body = readXmlBody(ctx)
  if (body.kind === 'invalid') return body.response
  if (body.kind === 'empty') return plain(400, 'REPORT needs a body.\n')
  if (!isDav(body.root, 'sync-collection')) return unsupported(ctx)
  if (resource.kind !== 'collection') return unsupported(ctx)
  const depth = ctx.request.headers.get('Depth')
  if (depth !== null && depth.trim() !== '0') return plain(400, 'sync-collection takes Depth: 0 (the level is in DAV:sync-level).\n')
  const tokenElement = findChild(body.root, DAV_NS, 'sync-token')
  const levelText = textContent(findChild(body.root, DAV_NS, 'sync-level') ?? text('')).trim()
  const level = levelText === '1' ? '1' : levelText === 'infinite' || levelText === 'infinity' ? 'infinite' : undefined
  if (tokenElement === undefined || level === undefined)
    return plain(400, 'sync-collection needs DAV:sync-token and DAV:sync-level (1 or infinite).\n')
  const propRequest = readPropRequest(body.root)
  if (propRequest === undefined) return plain(400, 'sync-collection needs DAV:prop.\n')
  let limit: number | undefined
  const limitElement = findChild(body.root, DAV_NS, 'limit')
  if (limitElement !== undefined) {
    const nresults = childElements(limitElement).find((child) => isDav(child, 'nresults'))
    const value = nresults === undefined ? '' : textContent(nresults).trim()
    if (!/^\d+$/.test(value) || Number(value) === 0) return plain(400, 'DAV:limit needs a positive DAV:nresults.\n')
    limit = Number(value)
  }
  const token = textContent(tokenElement).trim()
  const initial = token === ''
  const since = initial ? 0 : revisionOf(ctx, token)
  if (since === undefined) return davErrorResponse(ctx, 403, [dav('valid-sync-token')])

  let changes: MemberChange[] = changesSince(store, ctx.path, resource, since, level)
  if (initial) changes = changes.filter((change) => change.kind === 'changed')
  let revision = syncRevisionOf(store, ctx.path, resource)
  const responses: XmlNode[] = []
  let truncated = false
  if (limit !== undefined && changes.length > limit) {
    changes = changes.slice(0, limit)
    revision = changes.at(-1)?.revision ?? since
    truncated = true
  }
  for (const change of changes) {
    responses.push(
      change.kind === 'changed'
        ? describeResource(ctx, change.path, change.resource, propRequest)
        : statusResponse(ctx, change.path, change.isCollection, 404),
    )
  }
  if (truncated) responses.push(statusResponse(ctx, ctx.path, true, 507, [dav('number-of-matches-within-limits')]))
  const syncTokenElement: XmlElement = dav('sync-token', [text(syncToken(ctx, revision))])
  return multistatus(ctx, [...responses, syncTokenElement])
}
