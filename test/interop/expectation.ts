/**
 * Expected outcomes as data. An expectation is a JSON value compared exactly (objects must have
 * the same keys, arrays the same length), except for two markers:
 * `{ $oneOf: [a, b] }` matches what any alternative matches (RFC 4918 allows several answers),
 * and `{ $any: 'why' }` matches anything (a value the RFC leaves open; the reason is required).
 */
export type Expected =
  | string
  | number
  | boolean
  | null
  | readonly Expected[]
  | { readonly $oneOf: readonly Expected[] }
  | { readonly $any: string }
  | { readonly [key: string]: Expected }

/** An observed outcome: plain JSON. */
export type Observed = string | number | boolean | null | readonly Observed[] | { readonly [key: string]: Observed }

/** Alternatives: any of them may match. */
export function oneOf(...alternatives: readonly Expected[]): Expected {
  return { $oneOf: alternatives }
}

/** Matches anything; `why` says why the value does not matter. */
export function anything(why: string): Expected {
  return { $any: why }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function show(value: unknown): string {
  return JSON.stringify(value)
}

/**
 * Compares `observed` with `expected` and returns every mismatch as `path: expected X, got Y`
 * (empty when they match).
 */
export function mismatches(expected: Expected, observed: Observed | undefined, path = '$'): string[] {
  if (isRecord(expected) && '$any' in expected) return []
  if (isRecord(expected) && '$oneOf' in expected) {
    const alternatives = expected['$oneOf'] as readonly Expected[]
    const results = alternatives.map((alternative) => mismatches(alternative, observed, path))
    if (results.some((result) => result.length === 0)) return []
    return [`${path}: expected one of ${show(alternatives)}, got ${show(observed)}`]
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(observed)) return [`${path}: expected an array ${show(expected)}, got ${show(observed)}`]
    if (observed.length !== expected.length) {
      return [`${path}: expected ${expected.length} items ${show(expected)}, got ${observed.length} ${show(observed)}`]
    }
    return expected.flatMap((item: Expected, index) => mismatches(item, observed[index], `${path}[${index}]`))
  }
  if (isRecord(expected)) {
    if (!isRecord(observed) || Array.isArray(observed)) {
      return [`${path}: expected an object ${show(expected)}, got ${show(observed)}`]
    }
    const out: string[] = []
    for (const key of Object.keys(expected)) {
      out.push(...mismatches(expected[key] as Expected, observed[key] as Observed | undefined, `${path}.${key}`))
    }
    for (const key of Object.keys(observed)) {
      if (!(key in expected)) out.push(`${path}.${key}: not expected, got ${show(observed[key])}`)
    }
    return out
  }
  return expected === observed ? [] : [`${path}: expected ${show(expected)}, got ${show(observed)}`]
}
