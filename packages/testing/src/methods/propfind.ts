import type { RequestContext } from '../context.ts'
import { parseDepth } from '../depth.ts'
import { davErrorResponse, multistatus, plain } from '../responses.ts'
import { walk } from '../store/resource.ts'
import { readXmlBody } from '../xml/request-body.ts'
import { dav, isDav, type XmlElement } from '../xml/xml-node.ts'
import { describeResource, readPropRequest, type PropRequest } from './prop-request.ts'

/** PROPFIND (RFC 4918 section 9.1): Depth 0, 1 or infinity; prop, allprop (+include) or propname. */
export function propfind(ctx: RequestContext): Response {
  const resource = ctx.state.store.get(ctx.path)
  if (resource === undefined) return plain(404, 'Not Found\n')
  const depth = parseDepth(ctx.request.headers.get('Depth')) ?? 'infinity'
  if (depth === 'invalid') return plain(400, 'Depth must be 0, 1 or infinity.\n')
  if (depth === 'infinity' && ctx.state.dialect.depthInfinity === 'refuse')
    return davErrorResponse(ctx, 403, [dav('propfind-finite-depth')])
  const body = readXmlBody(ctx)
  if (body.kind === 'invalid') return body.response
  let request: PropRequest
  if (body.kind === 'empty') request = { kind: 'allprop', include: [] }
  else {
    if (!isDav(body.root, 'propfind')) return plain(400, 'The body of a PROPFIND must be a DAV:propfind element.\n')
    const parsed = readPropRequest(body.root)
    if (parsed === undefined) return plain(400, 'DAV:propfind needs DAV:prop, DAV:allprop or DAV:propname.\n')
    request = parsed
  }
  const responses: XmlElement[] = [describeResource(ctx, ctx.path, resource, request)]
  if (depth === '1' && resource.kind === 'collection') {
    for (const [name, member] of resource.children) responses.push(describeResource(ctx, [...ctx.path, name], member, request))
  } else if (depth === 'infinity') {
    for (const [relative, member] of walk(resource))
      if (relative.length > 0) responses.push(describeResource(ctx, [...ctx.path, ...relative], member, request))
  }
  return multistatus(ctx, responses)
}
