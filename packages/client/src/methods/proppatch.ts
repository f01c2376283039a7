import type {
  MultiStatusResponse,
  ProppatchFailed,
  ProppatchInstruction,
  ProppatchOutcome,
  ProppatchResult,
  QName,
  RawProperty,
  ResourceHref,
} from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { buildProppatchBody } from '../xml/build-proppatch.ts'
import type { MethodContext } from './method-context.ts'
import { lockedOutcome, multistatusOutcome } from './content-outcomes.ts'
import { applyLockTokens, type LockTokens } from './if-header.ts'
import { davErrorOf, readResponseBody, statusError, undecodableError } from './read-dav-answer.ts'

/** Options of a PROPPATCH. */
export interface ProppatchOptions extends RequestOptions {
  /**
   * Locks to submit (a tagged `If` header) when the resource or a collection above it is locked:
   * the grant `lock` returned, or `{ token, root }`; a bare token is tagged with the request URL.
   */
  readonly lockToken?: LockTokens
}

const sameName = (a: QName, b: QName): boolean => a.namespace === b.namespace && a.local === b.local

function outcomeOf(instruction: ProppatchInstruction, reported: RawProperty | undefined): ProppatchOutcome {
  const base = { name: instruction.name, op: instruction.op }
  if (reported === undefined) return { ...base, kind: 'not-reported' }
  switch (reported.kind) {
    case 'value':
      return { ...base, kind: 'applied', status: reported.status }
    case 'failed': {
      const detail = { status: reported.status, error: reported.error, description: reported.description }
      return reported.status.code === 424 ? { ...base, kind: 'failed-dependency', ...detail } : { ...base, kind: 'failed', ...detail }
    }
    case 'status-problem':
      return { ...base, kind: 'status-problem', problem: reported.problem }
  }
}

/**
 * What the multistatus says about each instruction. A `href+status` response (the whole request
 * refused for that href) applies its status to every instruction.
 */
function reportedProperties(
  responses: readonly MultiStatusResponse[],
  names: readonly QName[],
): {
  properties: RawProperty[]
  href: ResourceHref | undefined
} {
  const properties: RawProperty[] = []
  let href: ResourceHref | undefined
  for (const response of responses) {
    if (response.kind === 'propstat') {
      href ??= response.href
      properties.push(...response.properties)
    } else if (response.kind === 'status') {
      href ??= response.hrefs[0]
      for (const name of names) {
        if (response.status.kind === 'status' && response.status.class !== 'success') {
          properties.push({
            kind: 'failed',
            name,
            status: response.status,
            error: response.error,
            description: response.description,
          })
        } else if (response.status.kind === 'status') {
          properties.push({
            kind: 'value',
            name,
            status: response.status,
            element: { kind: 'element', name, attributes: [], children: [] },
            text: '',
          })
        }
      }
    }
  }
  return { properties, href }
}

/**
 * PROPPATCH (RFC 4918 section 9.2): set and remove properties in the order given, and report,
 * per instruction, whether it was applied and, as a whole, whether the update was applied
 * (`applied`), refused atomically (`rejected`: the failing instruction's 403/409/507 is `failed`,
 * the others `failed-dependency`), applied in part by a non-atomic server (`partially-applied`),
 * or not fully reported. A 2xx without a multistatus is `no-report`, never assumed applied. A
 * locked resource is `locked` (a 423, or a multistatus naming a 423 for it or a collection above
 * it); another failure status with a multistatus is `failed-dependency` or `partial`. Other
 * statuses (404...) are `HttpStatusError`.
 */
export async function proppatch(
  context: MethodContext,
  target: DavTarget,
  instructions: readonly ProppatchInstruction[],
  options: ProppatchOptions = {},
): Promise<ProppatchResult> {
  if (instructions.length === 0) throw new InvalidRequestError('PROPPATCH needs at least one instruction')
  const body = buildProppatchBody(
    instructions.map((i) =>
      i.op === 'set'
        ? { op: 'set', name: i.name, value: typeof i.value === 'string' ? [{ kind: 'text', text: i.value }] : i.value, lang: i.lang }
        : i,
    ),
  )
  const baseUrl = context.pipeline.baseUrl
  const url = resolveTarget(baseUrl, target)
  const headers = new Headers(options.headers)
  applyLockTokens(headers, baseUrl, [url, options.lockToken])
  const response = await context.pipeline.send({ method: 'PROPPATCH', url, headers, body, signal: options.signal })
  const reading = readResponseBody(response)
  const { status, attempts } = response
  const success = status >= 200 && status < 300
  if (!success) {
    if (reading.kind === 'multistatus') {
      const failed = multistatusOutcome(reading.multistatus, status, attempts, [url])
      if (failed !== undefined) return failed
    }
    if (status === 423) return lockedOutcome(status, attempts, davErrorOf(reading))
    throw statusError(response, reading)
  }
  if (reading.kind !== 'multistatus') {
    if (response.status === 207) throw undecodableError(response, reading)
    return { kind: 'no-report', status: response.status, attempts: response.attempts }
  }
  const responses = reading.multistatus.responses
  // A whole-resource 423 inside a 207 is a lock, not a per-property failure.
  const wholeResource = responses.filter((r) => r.kind === 'status')
  if (wholeResource.some((r) => r.status.kind === 'status' && r.status.code === 423)) {
    const locked = multistatusOutcome({ ...reading.multistatus, responses: wholeResource }, status, attempts, [url])
    if (locked?.kind === 'locked') return locked
  }
  const { properties, href } = reportedProperties(
    responses,
    instructions.map((i) => i.name),
  )
  const outcomes = instructions.map((instruction) =>
    outcomeOf(
      instruction,
      properties.find((p) => sameName(p.name, instruction.name)),
    ),
  )
  const failed = outcomes.filter((o): o is ProppatchFailed => o.kind === 'failed')
  const applied = outcomes.filter((o) => o.kind === 'applied').length
  const failures = failed.length + outcomes.filter((o) => o.kind === 'failed-dependency').length
  const base = { outcomes, href, responses, status: response.status, attempts: response.attempts }
  if (failures === 0 && applied === outcomes.length) return { ...base, kind: 'applied' }
  if (failures === 0) return { ...base, kind: 'incomplete' }
  if (applied === 0) return { ...base, kind: 'rejected', failed }
  return { ...base, kind: 'partially-applied', failed }
}
