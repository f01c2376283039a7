import type {
  PropRequest,
  PropertyDecoded,
  PropertyResult,
  PropfindResource,
  PropfindResult,
  ProppatchAllApplied,
  ProppatchResult,
  TransferCreated,
  TransferReplaced,
  TransferResult,
  TransferSucceeded,
} from '@davkit/types'
import { NotAllOkError } from '../errors/not-all-ok-error.ts'
import { formatName, formatStatus, propertyProblem } from './describe-result.ts'

/** A PROPFIND resource whose every requested property decoded to a value. */
export type OkResource<P extends PropRequest> = Omit<PropfindResource<P>, 'props'> & {
  readonly props: { readonly [K in keyof P]: Extract<PropfindResource<P>['props'][K], { kind: 'value' }> }
}

/** A PROPFIND result whose every response is a resource with every requested property a value. */
export type OkPropfindResult<P extends PropRequest> = Omit<PropfindResult<P>, 'responses' | 'resources'> & {
  readonly responses: readonly OkResource<P>[]
  readonly resources: readonly OkResource<P>[]
}

function problemsOfPropfind(result: PropfindResult<PropRequest>): string[] {
  const problems: string[] = []
  for (const response of result.responses) {
    if (response.kind === 'resource') {
      for (const property of Object.values(response.props) as PropertyResult<unknown>[]) {
        const problem = propertyProblem(property)
        if (problem !== undefined) problems.push(`${response.href.path}: ${problem}`)
      }
    } else if (response.kind === 'status') {
      problems.push(`${response.hrefs.map((h) => h.path).join(', ')}: ${formatStatus(response.status)}`)
    } else {
      problems.push(`${response.hrefs.map((h) => h.path).join(', ') || '(no href)'}: malformed response (${response.problem})`)
    }
  }
  return problems
}

function isPropfind(result: object): result is PropfindResult<PropRequest> {
  return 'resources' in result
}

/**
 * Throws `NotAllOkError` unless the result is a complete success, and narrows it:
 * - PROPFIND: every response is a resource and every requested property decoded to a value;
 * - PROPPATCH: every instruction was applied (`no-report` is refused too: nothing confirmed it);
 * - COPY/MOVE: `created`, `replaced` or `succeeded`.
 *
 * @example
 * const listing = assertAllOk(await dav.propfind('Documents/', { depth: 1, props: { size: davProps.getcontentlength } }))
 * listing.resources[0]?.props.size.value // number
 */
export function assertAllOk<P extends PropRequest>(result: PropfindResult<P>): OkPropfindResult<P>
export function assertAllOk(result: ProppatchResult): ProppatchAllApplied
export function assertAllOk(result: TransferResult): TransferCreated | TransferReplaced | TransferSucceeded
export function assertAllOk(
  result: PropfindResult<PropRequest> | ProppatchResult | TransferResult,
): OkPropfindResult<PropRequest> | ProppatchAllApplied | TransferCreated | TransferReplaced | TransferSucceeded {
  if (isPropfind(result)) {
    const problems = problemsOfPropfind(result)
    if (problems.length > 0) throw new NotAllOkError(problems, result)
    return result as OkPropfindResult<PropRequest>
  }
  switch (result.kind) {
    case 'applied':
    case 'created':
    case 'replaced':
    case 'succeeded':
      return result
    case 'rejected':
    case 'partially-applied':
    case 'incomplete':
      throw new NotAllOkError(
        result.outcomes
          .filter((o) => o.kind !== 'applied')
          .map((o) =>
            o.kind === 'status-problem'
              ? `${o.op} ${formatName(o.name)}: ${formatStatus(o.problem)}`
              : o.kind === 'not-reported'
                ? `${o.op} ${formatName(o.name)}: not reported`
                : `${o.op} ${formatName(o.name)}: ${formatStatus(o.status)}`,
          ),
        result,
      )
    case 'no-report':
      throw new NotAllOkError([`PROPPATCH answered ${result.status} without reporting any property`], result)
    case 'partial':
    case 'failed-dependency':
      throw new NotAllOkError(
        result.failures.length === 0
          ? [`${result.kind} (${result.status})`]
          : result.failures.map((f) => `${f.href.path}: ${formatStatus(f.status)}`),
        result,
      )
    case 'uncertain':
      throw new NotAllOkError([`answered ${result.status} after a retry; an earlier attempt may have been carried out`], result)
    case 'locked':
      throw new NotAllOkError(
        [`locked (${result.status})${result.lockedHrefs.length === 0 ? '' : `: ${result.lockedHrefs.join(', ')}`}`],
        result,
      )
    case 'precondition-failed':
    case 'conflict':
    case 'forbidden':
    case 'insufficient-storage':
      throw new NotAllOkError([`${result.kind} (${result.status})`], result)
  }
}

/**
 * The value of a property result, or a `NotAllOkError` saying why there is none.
 *
 * @example
 * const size = unwrapProperty(resource.props.size) // number
 */
export function unwrapProperty<T>(result: PropertyResult<T>): T {
  if (result.kind === 'value') return (result satisfies PropertyDecoded<T>).value
  throw new NotAllOkError([propertyProblem(result) ?? result.kind], result)
}
