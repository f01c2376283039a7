import type { RequestContext } from '../context.ts'
import { hrefElement, statusElement } from '../responses.ts'
import type { StorePath } from '../store/paths.ts'
import { dav, type XmlElement, type XmlNode } from '../xml/xml-node.ts'

/** A property element with the status it gets in a propstat (and an optional `DAV:error`). */
export interface PropOutcome {
  readonly status: number
  readonly prop: XmlElement
  readonly error?: XmlElement
}

/** A `DAV:response` with one propstat per distinct status, ordered per dialect. */
export function propstatResponse(
  ctx: RequestContext,
  path: StorePath,
  isCollection: boolean,
  outcomes: readonly PropOutcome[],
): XmlElement {
  const groups = new Map<number, { props: XmlElement[]; errors: XmlElement[] }>()
  for (const outcome of outcomes) {
    const group = groups.get(outcome.status) ?? { props: [], errors: [] }
    group.props.push(outcome.prop)
    if (outcome.error !== undefined) group.errors.push(outcome.error)
    groups.set(outcome.status, group)
  }
  let statuses = [...groups.keys()]
  if (ctx.state.dialect.propstatOrder === 'not-found-first')
    statuses = [...statuses.filter((s) => s === 404), ...statuses.filter((s) => s !== 404)]
  const children: XmlNode[] = [hrefElement(ctx, path, isCollection)]
  for (const status of statuses) {
    const group = groups.get(status)
    if (group === undefined) continue
    const propstat: XmlNode[] = [dav('prop', group.props), statusElement(ctx, status)]
    if (group.errors.length > 0) propstat.push(dav('error', group.errors))
    children.push(dav('propstat', propstat))
  }
  if (statuses.length === 0) children.push(dav('propstat', [dav('prop'), statusElement(ctx, 200)]))
  return dav('response', children)
}
