import type { Observed } from './expectation.ts'
import type {
  MemberFailure,
  DavError,
  MultiStatusResponse,
  PropRequest,
  PropertyResult,
  PropfindEntry,
  PropfindResult,
  ProppatchResult,
  RawProperty,
  TransferResult,
  XmlElement,
} from './davkit.ts'
import { canonicalXml, clark } from './xml-value.ts'

/**
 * Turns the client's decoded results into the plain observations the scenarios expect (see
 * scenario.ts for the shapes). Values that naturally differ between servers and runs are reduced
 * to their shape: an entity tag to `<etag>` (when it is a quoted or weak entity tag), a
 * `getlastmodified` to `<http-date>` (when it is an RFC 1123 date), a `creationdate` to `<date>`.
 * Any other value is the canonical, prefix-free form of its XML content.
 */

const rfc1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

/** The comparable form of a property value. */
export function shapeOfValue(name: string, element: XmlElement): string {
  const text = canonicalXml(element.children)
  switch (name) {
    case '{DAV:}getetag':
      return /^(W\/)?"[^"]*"$/.test(text) ? '<etag>' : `<not an entity tag: ${text}>`
    case '{DAV:}getlastmodified':
      return rfc1123.test(text) ? '<http-date>' : `<not an RFC 1123 date: ${text}>`
    case '{DAV:}creationdate':
      return Number.isNaN(Date.parse(text)) ? `<not a date: ${text}>` : '<date>'
    default:
      return text
  }
}

/** Clark names of the conditions of a `DAV:error`. */
export function conditionsOf(error: DavError | undefined): string[] {
  return error === undefined ? [] : error.conditions.map((condition) => clark(condition.name))
}

/**
 * Maps an href's decoded path to the scenario's view: the DAV root's path and the scenario's own
 * collection are removed, so `/names/with space/` reads `/with space/` and the collection itself
 * `/`. A path outside the DAV root is kept whole, marked with `!`.
 */
export function scenarioPath(path: string, rootPath: string): string {
  if (!path.startsWith(rootPath)) return `!${path}`
  const rest = path.slice(rootPath.length)
  const slash = rest.indexOf('/')
  return slash === -1 ? '/' : rest.slice(slash)
}

function withConditions(status: number | string, error: DavError | undefined): Record<string, Observed> {
  const conditions = conditionsOf(error)
  return conditions.length === 0 ? { status } : { status, conditions }
}

function propertyOutcome(name: string, result: PropertyResult<XmlElement>): Observed {
  switch (result.kind) {
    case 'value':
      return { status: result.status.code, value: shapeOfValue(name, result.value) }
    case 'invalid':
      return { status: result.status.code, invalid: result.problem }
    case 'failed':
      return withConditions(result.status.code, result.error)
    case 'status-problem':
      return { status: `status-problem: ${result.problem.problem}` }
    case 'missing':
      return { status: 'missing' }
  }
}

function rawPropertyDetail(property: RawProperty): Observed {
  const name = clark(property.name)
  switch (property.kind) {
    case 'value':
      return { name, status: property.status.code, value: shapeOfValue(name, property.element) }
    case 'failed':
      return { name, ...withConditions(property.status.code, property.error) }
    case 'status-problem':
      return { name, status: `status-problem: ${property.problem.problem}` }
  }
}

function setKey(record: Record<string, Observed>, key: string, value: Observed): void {
  let unique = key
  for (let n = 2; unique in record; n++) unique = `${key} (#${n})`
  record[unique] = value
}

function responseStatusDetail(response: MultiStatusResponse, rootPath: string): Observed {
  switch (response.kind) {
    case 'status':
      return {
        hrefs: response.hrefs.map((href) => scenarioPath(href.path, rootPath)),
        status: response.status.kind === 'status' ? response.status.code : `status-problem: ${response.status.problem}`,
      }
    case 'malformed':
      return { hrefs: response.hrefs.map((href) => scenarioPath(href.path, rootPath)), malformed: response.problem }
    case 'propstat':
      return {
        href: scenarioPath(response.href.path, rootPath),
        // The href as sent: how the server encodes names (spaces, #, %, non-ASCII) and whether it
        // is absolute. Percent-escapes compare case-insensitively (RFC 3986 2.1: %c3 = %C3).
        raw: response.href.raw.replace(/%[0-9a-f]{2}/gi, (hex) => hex.toUpperCase()),
        properties: [...response.properties.map(rawPropertyDetail)].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      }
  }
}

function sortedDetails(responses: readonly MultiStatusResponse[], rootPath: string): Observed[] {
  return responses
    .map((response) => responseStatusDetail(response, rootPath))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
}

/** A PROPFIND result, with the props requested by Clark name. */
export function observePropfind(result: PropfindResult<PropRequest>, rootPath: string): { outcome: Observed; detail: Observed } {
  const resources: Record<string, Observed> = {}
  for (const entry of result.responses) {
    if (entry.kind === 'resource') {
      const props: Record<string, Observed> = {}
      for (const [name, property] of Object.entries(entry.props)) {
        props[name] = propertyOutcome(name, property as PropertyResult<XmlElement>)
      }
      setKey(resources, scenarioPath(entry.href.path, rootPath), props)
    } else if (entry.kind === 'status') {
      const status = entry.status.kind === 'status' ? entry.status.code : `status-problem: ${entry.status.problem}`
      for (const href of entry.hrefs) setKey(resources, scenarioPath(href.path, rootPath), { '(status)': status })
    } else {
      for (const href of entry.hrefs) setKey(resources, scenarioPath(href.path, rootPath), { '(malformed)': entry.problem })
    }
  }
  return {
    outcome: { status: result.status, resources },
    detail: { status: result.status, responses: sortedDetails(result.responses.map(asResponse), rootPath) },
  }
}

/** A PROPFIND entry as the multistatus response it came from (only what the details use). */
function asResponse(entry: PropfindEntry<PropRequest>): MultiStatusResponse {
  if (entry.kind !== 'resource') return entry
  return {
    kind: 'propstat',
    href: entry.href,
    propstats: [],
    properties: entry.properties,
    error: entry.error,
    description: entry.description,
    location: entry.location,
  }
}

/** A PROPPATCH result: each instruction's status, by resource and Clark name. */
export function observeProppatch(result: ProppatchResult, rootPath: string): { outcome: Observed; detail: Observed } {
  if (!('outcomes' in result)) {
    const failures = result.kind === 'no-report' ? {} : observeFailures(result.failures, rootPath)
    return { outcome: { status: result.status, ...failures }, detail: { kind: result.kind, status: result.status } }
  }
  const props: Record<string, Observed> = {}
  const outcomes: Observed[] = []
  for (const outcome of result.outcomes) {
    const name = clark(outcome.name)
    let observed: Record<string, Observed>
    switch (outcome.kind) {
      case 'applied':
        observed = { status: outcome.status.code }
        break
      case 'failed':
      case 'failed-dependency':
        observed = withConditions(outcome.status.code, outcome.error)
        break
      case 'status-problem':
        observed = { status: `status-problem: ${outcome.problem.problem}` }
        break
      case 'not-reported':
        observed = { status: 'not-reported' }
        break
    }
    setKey(props, name, observed)
    outcomes.push({ op: outcome.op, name, kind: outcome.kind, ...observed })
  }
  const href = result.href === undefined ? '(no href)' : scenarioPath(result.href.path, rootPath)
  return {
    outcome: { status: result.status, resources: { [href]: props } },
    detail: { kind: result.kind, status: result.status, href, outcomes },
  }
}

/** The resources a multistatus reported as failed, by scenario path: nothing when there were none. */
function observeFailures(failures: readonly MemberFailure[], rootPath: string): { members?: Record<string, Observed> } {
  if (failures.length === 0) return {}
  const members: Record<string, Observed> = {}
  for (const failure of failures) {
    setKey(
      members,
      scenarioPath(failure.href.path, rootPath),
      failure.status.kind === 'status' ? failure.status.code : `status-problem: ${failure.status.problem}`,
    )
  }
  return { members }
}

/** A COPY or MOVE result: the status, and for a failure reported by a multistatus the failed members. */
export function observeTransfer(result: TransferResult, rootPath: string): { outcome: Observed; detail: Observed } {
  if (result.kind === 'locked' || result.kind === 'failed-dependency') {
    return {
      outcome: { status: result.status, ...observeFailures(result.failures, rootPath) },
      detail: { kind: result.kind, status: result.status },
    }
  }
  if (result.kind === 'partial') {
    return {
      outcome: { status: result.status, members: observeFailures(result.failures, rootPath).members ?? {} },
      detail: { kind: result.kind, status: result.status, responses: sortedDetails(result.responses, rootPath) },
    }
  }
  const conditions = 'error' in result ? conditionsOf(result.error) : []
  return {
    outcome: conditions.length === 0 ? { status: result.status } : { status: result.status, conditions },
    detail: { kind: result.kind, status: result.status, conditions },
  }
}
