import { parsePlainPath } from '../store/paths.ts'

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
  | { readonly kind: 'cut-response-body'; readonly afterBytes: number }
  | { readonly kind: 'cut-request-body'; readonly afterBytes: number }
  | { readonly kind: 'change-content'; readonly path: string; readonly content: Uint8Array }

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

/** A fault rule that fired, with the label the journal records. */
export interface TriggeredFault<Kind extends FaultAction['kind'] = FaultAction['kind']> {
  readonly action: Extract<FaultAction, { kind: Kind }>
  readonly label: string
}

/**
 * The faults that apply to one request: at most one of each kind (an answer is a status or a
 * network error), and the sum of the delays.
 */
export interface TriggeredFaults {
  readonly answer: TriggeredFault<'status' | 'network-error'> | undefined
  readonly latencyMs: number
  /** The body the handler sees stops after this many bytes, and the client gets a network failure. */
  readonly cutRequest: TriggeredFault<'cut-request-body'> | undefined
  /** The answer's body stops after this many bytes and the connection fails. */
  readonly cutResponse: TriggeredFault<'cut-response-body'> | undefined
  /** A file replaced once the request has been answered. */
  readonly changeContent: TriggeredFault<'change-content'> | undefined
}

/** Which slot of {@link TriggeredFaults} an action fills. */
type Slot = 'answer' | 'cutRequest' | 'cutResponse' | 'changeContent'

function slotOf(kind: Exclude<FaultAction['kind'], 'latency'>): Slot {
  switch (kind) {
    case 'status':
    case 'network-error':
      return 'answer'
    case 'cut-request-body':
      return 'cutRequest'
    case 'cut-response-body':
      return 'cutResponse'
    case 'change-content':
      return 'changeContent'
  }
}

const encoder = new TextEncoder()

function checkByteCount(afterBytes: number): void {
  if (!Number.isSafeInteger(afterBytes) || afterBytes < 0)
    throw new RangeError(`a cut needs a whole number of bytes >= 0, got ${afterBytes}`)
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

  /**
   * Cuts the answer to the next `times` matching requests: its headers (with the full
   * `Content-Length`) and the first `afterBytes` bytes of its body are delivered, then the connection
   * fails (msw: the body stream errors; Node: the socket is destroyed). A body no longer than
   * `afterBytes` is delivered whole.
   * @example dav.faults.cutResponseBody(65_536, { method: 'GET', path: '/big.bin' })
   */
  cutResponseBody(afterBytes: number, options: FaultMatch = {}): this {
    checkByteCount(afterBytes)
    this.add(options, { kind: 'cut-response-body', afterBytes }, `response body cut after ${afterBytes} bytes`)
    return this
  }

  /**
   * Cuts the body of the next `times` matching requests after `afterBytes` bytes: the method
   * handler sees only those bytes, with `bodyCut` set on its context, and the client gets a
   * network failure instead of the answer. Only content-carrying methods (`PUT`, `PATCH`, `POST`)
   * reach their handler; a plain `PUT` writes nothing, while an upload mechanism keeps what it
   * would keep of a dropped transfer.
   * @example dav.faults.cutRequestBody(1_000, { method: 'PATCH' })
   */
  cutRequestBody(afterBytes: number, options: FaultMatch = {}): this {
    checkByteCount(afterBytes)
    this.add(options, { kind: 'cut-request-body', afterBytes }, `request body cut after ${afterBytes} bytes`)
    return this
  }

  /**
   * Once the next `times` matching requests have been answered, replaces the file at `path` (a
   * decoded store path) with `content`: a new entity tag and modification time, as if another
   * client had written it. The match defaults to requests for `path`; a missing file is created
   * when its parent collection exists.
   * @example dav.faults.cutResponseBody(100, { method: 'GET', path: '/a.bin' }).changeContent('/a.bin', 'v2', { method: 'GET' })
   */
  changeContent(path: string, content: string | Uint8Array, options: FaultMatch = {}): this {
    parsePlainPath(path)
    const bytes = typeof content === 'string' ? encoder.encode(content) : content.slice()
    this.add({ path, ...options }, { kind: 'change-content', path, content: bytes }, `content of ${path} changed`)
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
    const fired: Partial<Record<Slot, TriggeredFault>> = {}
    let latencyMs = 0
    const applying = this.rules.filter((rule) => matches(rule.match, method, path))
    // A dropped request is never answered: the faults that act on an answer wait for the next one.
    const dropped =
      applying.find((rule) => rule.action.kind !== 'latency' && slotOf(rule.action.kind) === 'answer')?.action.kind === 'network-error'
    for (const rule of applying) {
      if (rule.action.kind === 'latency') latencyMs += rule.action.ms
      else {
        const slot = slotOf(rule.action.kind)
        if (fired[slot] !== undefined || (dropped && slot !== 'answer')) continue
        fired[slot] = { action: rule.action, label: rule.label }
      }
      rule.remaining -= 1
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0)
    return {
      answer: fired.answer as TriggeredFaults['answer'],
      latencyMs,
      cutRequest: fired.cutRequest as TriggeredFaults['cutRequest'],
      cutResponse: fired.cutResponse as TriggeredFaults['cutResponse'],
      changeContent: fired.changeContent as TriggeredFaults['changeContent'],
    }
  }
}
