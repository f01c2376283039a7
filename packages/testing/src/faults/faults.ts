/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  /** A method or several (`'PUT'`, `['PUT', 'MOVE']`). */
  readonly method?: string | readonly string[]
  /** Decoded store path (`/docs/a.txt`) or a pattern tested against it. */
  readonly path?: string | RegExp
  /** How many matching requests the fault applies to (default 1; `Infinity` for all). */
  readonly times?: number
}

/** What a fault does to a matching request. */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  | { readonly kind: 'network-error' }
  | { readonly kind: 'latency'; readonly ms: number }

interface FaultRule {
  readonly match: FaultMatch
  remaining: number
  readonly action: FaultAction
  readonly label: string
}

/** Options of a status fault. */
export interface StatusFaultOptions extends FaultMatch {
  /** Adds `Retry-After` (seconds, or an HTTP date). */
  readonly retryAfter?: number | string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/** The faults that apply to one request: at most one answer (status or network error) and a total delay. */
export interface TriggeredFaults {
  readonly answer: { readonly action: FaultAction; readonly label: string } | undefined
  readonly latencyMs: number
}

function matches(match: FaultMatch, method: string, path: string | undefined): boolean {
  if (match.method !== undefined) {
    const methods = typeof match.method === 'string' ? [match.method] : match.method
    if (!methods.some((candidate) => candidate.toUpperCase() === method)) return false
  }
  if (match.path !== undefined) {
    if (path === undefined) return false
    if (typeof match.path === 'string') {
      const trim = (value: string): string => (value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value)
      if (trim(path) !== trim(match.path.startsWith('/') ? match.path : `/${match.path}`)) return false
    } else if (!match.path.test(path)) return false
  }
  return true
}

/**
 * Fault injection: answers, network errors and delays for the next matching requests.
 * Rules are consumed in the order they were added.
 */
export class Faults {
  private rules: FaultRule[] = []

  /**
   * Answers the next `times` matching requests with `status` (and `Retry-After` when given) instead of handling them.
   * @example dav.faults.status(503, { method: 'PROPFIND', times: 2, retryAfter: 1 })
   */
  status(status: number, options: StatusFaultOptions = {}): this {
    const headers: Record<string, string> = { ...options.headers }
    if (options.retryAfter !== undefined) headers['Retry-After'] = String(options.retryAfter)
    this.add(options, { kind: 'status', status, headers, body: options.body ?? '' }, `status ${status}`)
    return this
  }

  /** Drops the next `times` matching requests as a network failure (fetch rejects with a TypeError). */
  networkError(options: FaultMatch = {}): this {
    this.add(options, { kind: 'network-error' }, 'network error')
    return this
  }

  /** Delays matching requests by `ms` (every one unless `times` is given). */
  latency(ms: number, options: FaultMatch = {}): this {
    this.add({ times: Infinity, ...options }, { kind: 'latency', ms }, `latency ${ms}ms`)
    return this
  }

  private add(match: FaultMatch, action: FaultAction, label: string): void {
    const times = match.times ?? 1
    if (!(times > 0)) throw new RangeError(`a fault needs times > 0, got ${times}`)
    this.rules.push({ match, remaining: times, action, label })
  }

  /** How many fault rules are still armed. */
  get pending(): number {
    return this.rules.length
  }

  /** Removes every armed fault. */
  clear(): void {
    this.rules = []
  }

  /** Consumes the faults that apply to a request (used by the server for every request). */
  take(method: string, path: string | undefined): TriggeredFaults {
    let answer: TriggeredFaults['answer']
    let latencyMs = 0
    for (const rule of this.rules) {
      if (!matches(rule.match, method, path)) continue
      if (rule.action.kind === 'latency') latencyMs += rule.action.ms
      else if (answer === undefined) answer = { action: rule.action, label: rule.label }
      else continue
      rule.remaining -= 1
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0)
    return { answer, latencyMs }
  }
}
