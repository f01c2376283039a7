import type { DavError, ParsedStatus, PropertyResult, QName, ResourceHref } from '../../packages/types/src/index.ts'
import type { Cell } from './table.ts'

/** Short prefixes for the namespaces the demo prints; others are shown in Clark notation. */
const PREFIXES: Record<string, string> = { 'DAV:': 'D', 'urn:davkit:demo': 'demo' }

/** `D:getetag`, `demo:status`, or `{urn:other}name`. */
export function nameOf(name: QName): string {
  const prefix = PREFIXES[name.namespace]
  return prefix === undefined ? `{${name.namespace}}${name.local}` : `${prefix}:${name.local}`
}

/** A parsed status as a cell: `200 OK` in green, a failure in red, a 424 in yellow. */
export function statusCell(status: ParsedStatus): Cell {
  if (status.kind === 'status-problem')
    return { text: `status ${status.problem}${status.line === undefined ? '' : ` (${status.line})`}`, tone: 'bad' }
  const text = `${status.code}${status.reason === undefined ? '' : ` ${status.reason}`}`
  if (status.class === 'success') return { text, tone: 'good' }
  return { text, tone: status.code === 424 ? 'warn' : 'bad' }
}

/**
 * The condition names of a `DAV:error`, with the hrefs they carry: `lock-token-submitted [/a/b.txt]`.
 * `shorten` rewrites each href for display (e.g. relative to the session folder).
 */
export function conditionsOf(error: DavError | undefined, shorten: (href: string) => string = (href) => href): string {
  if (error === undefined || error.conditions.length === 0) return ''
  return error.conditions
    .map((condition) => {
      const name = condition.name.namespace === 'DAV:' ? condition.name.local : nameOf(condition.name)
      return condition.hrefs.length === 0 ? name : `${name} [${condition.hrefs.map(shorten).join(', ')}]`
    })
    .join('; ')
}

/** A path relative to the session folder (`/dav/davkit-demo-x/project/a.txt` becomes `project/a.txt`). */
export function relativePath(href: ResourceHref, sessionPath: string): string {
  return relativeText(href.path, sessionPath)
}

/** A decoded path or href text relative to the session folder when it lies below it (absolute URLs too). */
export function relativeText(path: string, sessionPath: string): string {
  let decoded = path
  try {
    decoded = decodeURIComponent(/^https?:\/\//i.test(path) ? new URL(path).pathname : path)
  } catch {
    // Shown as sent.
  }
  return decoded.startsWith(sessionPath) ? decoded.slice(sessionPath.length) || './' : path
}

function formatValue(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().replace('.000Z', 'Z')
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'object' && value !== null) {
    if ('collection' in value && typeof value.collection === 'boolean') return value.collection ? 'collection' : 'file'
    if ('raw' in value && 'weak' in value) return String(value.raw)
  }
  return JSON.stringify(value)
}

/**
 * A typed property result as a cell: the decoded value (a number, a date, an entity tag...), or
 * what happened instead (`404 Not Found`, `invalid: ...`, `not reported`).
 */
export function propertyCell(result: PropertyResult<unknown>): Cell {
  switch (result.kind) {
    case 'value':
      return { text: formatValue(result.value) }
    case 'invalid':
      return { text: `invalid: ${result.problem}`, tone: 'bad' }
    case 'failed':
      return { ...statusCell(result.status), tone: 'dim' }
    case 'status-problem':
      return statusCell(result.problem)
    case 'missing':
      return { text: 'not reported', tone: 'dim' }
  }
}
