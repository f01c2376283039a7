import type { Expected } from './expectation.ts'
import type { XmlNode } from './davkit.ts'

/** A PROPFIND depth. */
export type Depth = 0 | 1 | 'infinity'

/** One PROPPATCH instruction; names in Clark notation (`{urn:x}color`). */
export type PatchInstruction = { readonly set: string; readonly value: readonly (XmlNode | string)[] } | { readonly remove: string }

/**
 * One step of a scenario. Paths are relative to the scenario's own collection, decoded (the
 * client encodes them); a trailing slash names a collection. `expect` is the outcome RFC 4918
 * asks for; steps that set things up have a default (201 for MKCOL and PUT, 200 with a lock token
 * for LOCK, 204 for UNLOCK). Observed outcomes have these shapes:
 * - PROPFIND/PROPPATCH answered 207: `{ status: 207, resources: { '/path': { '{ns}name': property } } }`,
 *   a property being `{ status, value? , conditions? }` (values canonical: see observe.ts).
 * - anything else answered without a multistatus: `{ status }`, plus `conditions` (Clark names)
 *   when the body was a `DAV:error` naming some.
 * - COPY/MOVE/DELETE answered 207 (partial failure): `{ status: 207, members: { '/path': status } }`.
 * - LOCK: `{ status, lockToken: 'present' | 'absent' }`.
 * Paths in observations are relative to the scenario's collection, which itself is `/`.
 */
export type Step =
  | { readonly do: 'mkcol'; readonly path: string; readonly expect?: Expected }
  | {
      readonly do: 'put'
      readonly path: string
      readonly body: string
      /** Submit this lock's token in an `If` header. */
      readonly lock?: string
      readonly expect?: Expected
    }
  | { readonly do: 'delete'; readonly path: string; readonly expect: Expected }
  | {
      readonly do: 'propfind'
      readonly path: string
      readonly depth: Depth
      /** Property names in Clark notation. */
      readonly props: readonly string[]
      readonly expect: Expected
    }
  | {
      readonly do: 'proppatch'
      readonly path: string
      readonly instructions: readonly PatchInstruction[]
      readonly expect: Expected
    }
  | {
      readonly do: 'copy'
      readonly from: string
      readonly to: string
      readonly depth?: 0 | 'infinity'
      readonly overwrite?: boolean
      readonly expect: Expected
    }
  | {
      readonly do: 'move'
      readonly from: string
      readonly to: string
      readonly overwrite?: boolean
      readonly expect: Expected
    }
  | {
      readonly do: 'lock'
      readonly path: string
      /** The `DAV:owner` text. */
      readonly owner: string
      /**
       * Who locks: the client under test (default), or `'other'`: another client, a separate
       * plain LOCK request with its own owner, whose token only the steps that name it submit.
       */
      readonly by?: 'other'
      /** The name later steps use for this lock. */
      readonly as: string
      readonly depth?: 0 | 'infinity'
      readonly expect?: Expected
    }
  | {
      readonly do: 'unlock'
      readonly path: string
      readonly lock: string
      /** Who unlocks: the client under test (default) or the other client. */
      readonly by?: 'other'
      readonly expect?: Expected
    }

/** A named sequence of steps, run in a fresh collection on every server. */
export interface Scenario {
  /** Short identifier, also the name of the scenario's collection on the server. */
  readonly id: string
  readonly title: string
  readonly steps: readonly Step[]
}

/** The outcome a step expects when its `expect` is left out. */
export function defaultExpectation(step: Step): Expected {
  switch (step.do) {
    case 'mkcol':
    case 'put':
      return step.expect ?? { status: 201 }
    case 'lock':
      return step.expect ?? { status: 200, lockToken: 'present' }
    case 'unlock':
      return step.expect ?? { status: 204 }
    default:
      return step.expect
  }
}

/** A one-line description of a step, for reports. */
export function describeStep(step: Step): string {
  switch (step.do) {
    case 'copy':
    case 'move': {
      const flags = [
        step.do === 'copy' && step.depth !== undefined ? `Depth ${step.depth}` : '',
        step.overwrite === undefined ? '' : `Overwrite ${step.overwrite ? 'T' : 'F'}`,
      ].filter((flag) => flag !== '')
      return `${step.do.toUpperCase()} ${step.from} -> ${step.to}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`
    }
    case 'propfind':
      return `PROPFIND ${step.path} (Depth ${step.depth})`
    case 'lock':
      return `LOCK ${step.path} (${step.by === 'other' ? 'another client' : 'owner'}: ${step.owner})`
    case 'unlock':
      return `UNLOCK ${step.path}${step.by === 'other' ? ' (another client)' : ''}`
    default:
      return `${step.do.toUpperCase()} ${step.path}`
  }
}
