/**
 * How a test page and its vitest test talk: the page registers named scenarios on `globalThis`
 * and resolves `davkitReady` once it is set up; the test runs a scenario with `page.evaluate`
 * and asserts on the plain-data result it returns. Imported by both sides (types and names only).
 */

/** Any value that survives `page.evaluate` (structured as JSON). */
export type PageValue = string | number | boolean | null | readonly PageValue[] | { readonly [key: string]: PageValue }

/** A scenario the page can run: takes a JSON argument, returns a JSON result. */
export type Scenario = (argument: PageValue) => Promise<PageValue>

/** What a page puts on `globalThis`. */
export interface PageGlobals {
  davkitScenarios: Readonly<Record<string, Scenario>>
  /** Resolves once the page is ready (e.g. its service worker is active); rejects with why not. */
  davkitReady: Promise<void>
}

/** A thrown value as plain data: the error's class, `code`, message and the chain of causes. */
export interface ThrownSummary {
  readonly [key: string]: PageValue
  readonly name: string
  readonly code: string | null
  readonly message: string
  readonly causes: readonly string[]
}

/** Called by a page's script: publishes its scenarios and its readiness. */
export function registerScenarios(scenarios: Readonly<Record<string, Scenario>>, ready: Promise<void>): void {
  const globals: PageGlobals = { davkitScenarios: scenarios, davkitReady: ready }
  Object.assign(globalThis, globals)
}

/** Summarises anything thrown, for returning it from a scenario. */
export function summarizeThrown(thrown: unknown): ThrownSummary {
  const causes: string[] = []
  let cause: unknown = thrown instanceof Error ? thrown.cause : undefined
  while (cause !== undefined && causes.length < 5) {
    causes.push(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause))
    cause = cause instanceof Error ? cause.cause : undefined
  }
  if (thrown instanceof Error) {
    const code = 'code' in thrown && typeof thrown.code === 'string' ? thrown.code : null
    return { name: thrown.constructor.name, code, message: thrown.message, causes }
  }
  return { name: typeof thrown, code: null, message: String(thrown), causes }
}
