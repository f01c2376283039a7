import type { ParsedStatus, PropertyResult, QName } from '@davkit/types'

/** `{namespace}local`, the unambiguous spelling of a name. */
export function formatName(name: QName): string {
  return `{${name.namespace}}${name.local}`
}

/** A status as text: `404 Not Found`, or the problem with it. */
export function formatStatus(status: ParsedStatus): string {
  return status.kind === 'status' ? `${status.code}${status.reason ? ` ${status.reason}` : ''}` : `status ${status.problem}`
}

/** Why a property result is not a value, or `undefined` when it is one. */
export function propertyProblem(result: PropertyResult<unknown>): string | undefined {
  switch (result.kind) {
    case 'value':
      return undefined
    case 'invalid':
      return `${formatName(result.name)}: invalid value (${result.problem})`
    case 'failed':
      return `${formatName(result.name)}: ${formatStatus(result.status)}`
    case 'status-problem':
      return `${formatName(result.name)}: ${formatStatus(result.problem)}`
    case 'missing':
      return `${formatName(result.name)}: not reported`
  }
}
