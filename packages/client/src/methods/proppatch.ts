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
import { readResponseBody, statusError, undecodableError } from './read-response-body.ts'

/** Options of a PROPPATCH. */
export interface ProppatchOptions extends RequestOptions {}

const sameName = (a: QName, b: QName): boolean => a.namespace === b.namespace && a.local === b.local

function outcomeOf(instruction: ProppatchInstruction, reported: RawProperty | undefined): ProppatchOutcome {
  const base = { name: instruction.name, op: instruction.op }
  if (reported === undefined) return { ...base, kind: 'not-reported' }
  switch (reported.kind) {
    case 'value':
      return { ...base, kind: 'applied', status: reported.status }
    case 'failed': {
      const detail = { status: reported.status, error: reported.error, description: reported.description }
      return reported.status.code === 424
        ? { ...base, kind: 'failed-dependency', ...detail }
        : { ...base, kind: 'failed', ...detail }
    }
    case 'status-problem':
      return { ...base, kind: 'status-problem', problem: reported.problem }
  }
}

/**
 * What the multistatus says about each instruction. A `href+status` response (the whole request
 * refused for that href) applies its status to every instruction.
 */
function reportedProperties(responses: readonly MultiStatusResponse[], names: readonly QName[]): {
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
          properties.push({ kind: 'value', name, status: response.status, element: { kind: 'element', name, attributes: [], children: [] }, text: '' })
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
 * or not fully reported. A 2xx without a multistatus is `no-report`, never assumed applied.
 * Other statuses (404, 423 on the resource...) are `HttpStatusError`.
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
  const response = await context.pipeline.send({
    method: 'PROPPATCH',
    url: resolveTarget(context.pipeline.baseUrl, target),
    headers: options.headers,
    body,
    signal: options.signal,
  })
  const reading = readResponseBody(context, response)
  const success = response.status >= 200 && response.status < 300
  if (!success) throw statusError(response, reading)
  if (reading.kind !== 'multistatus') {
    if (response.status === 207) throw undecodableError(response, reading)
    return { kind: 'no-report', status: response.status, attempts: response.attempts }
  }
  const responses = reading.multistatus.responses
  const { properties, href } = reportedProperties(
    responses,
    instructions.map((i) => i.name),
  )
  const outcomes = instructions.map((instruction) =>
    outcomeOf(instruction, properties.find((p) => sameName(p.name, instruction.name))),
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
