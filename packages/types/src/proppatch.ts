import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { MultiStatusResponse } from './multistatus.ts'
import type { QName } from './qname.ts'
import type { HttpStatus, StatusProblem } from './status.ts'
import type { ContentFailedDependency, ContentLocked, WritePartial } from './content-results.ts'
import type { XmlNode } from './xml-node.ts'

/** One PROPPATCH instruction. `value` is text, or XML children (any namespaces). */
export type ProppatchInstruction =
  | {
      readonly op: 'set'
      readonly name: QName
      readonly value: string | readonly XmlNode[]
      /** `xml:lang` of the value, if any. */
      readonly lang?: string | undefined
    }
  | { readonly op: 'remove'; readonly name: QName }

interface OutcomeBase {
  readonly name: QName
  readonly op: 'set' | 'remove'
}

/** The server reports the instruction as done (2xx). */
export interface ProppatchApplied extends OutcomeBase {
  readonly kind: 'applied'
  readonly status: HttpStatus
}

/** The instruction itself failed: 403 (protected), 409 (bad value), 507 (no space), ... */
export interface ProppatchFailed extends OutcomeBase {
  readonly kind: 'failed'
  readonly status: HttpStatus
  readonly error: DavError | undefined
  readonly description: string | undefined
}

/** 424 Failed Dependency: not applied because another instruction failed (atomicity). */
export interface ProppatchFailedDependency extends OutcomeBase {
  readonly kind: 'failed-dependency'
  readonly status: HttpStatus
  readonly error: DavError | undefined
  readonly description: string | undefined
}

/** The property's status was missing, empty, garbled or 1xx. */
export interface ProppatchStatusProblem extends OutcomeBase {
  readonly kind: 'status-problem'
  readonly problem: StatusProblem
}

/** The server's answer does not mention the property. */
export interface ProppatchNotReported extends OutcomeBase {
  readonly kind: 'not-reported'
}

/** The outcome of one instruction. Narrow on `kind`. */
export type ProppatchOutcome =
  | ProppatchApplied
  | ProppatchFailed
  | ProppatchFailedDependency
  | ProppatchStatusProblem
  | ProppatchNotReported

interface ReportBase {
  /** One outcome per instruction, in the order of the instructions. */
  readonly outcomes: readonly ProppatchOutcome[]
  /** The href the server answered for. */
  readonly href: ResourceHref | undefined
  /** The responses of the multistatus as decoded, for anything the outcomes do not cover. */
  readonly responses: readonly MultiStatusResponse[]
  readonly status: number
  readonly attempts: number
}

/** Every instruction was applied. */
export interface ProppatchAllApplied extends ReportBase {
  readonly kind: 'applied'
}

/**
 * Nothing was applied (PROPPATCH is atomic): `failed` holds the instructions that caused it
 * (403/409/507...), the others are `failed-dependency` (424).
 */
export interface ProppatchRejected extends ReportBase {
  readonly kind: 'rejected'
  readonly failed: readonly ProppatchFailed[]
}

/**
 * Some instructions were applied and others failed: the server broke atomicity (some do, e.g.
 * Xandikos). Each outcome says which.
 */
export interface ProppatchPartiallyApplied extends ReportBase {
  readonly kind: 'partially-applied'
  readonly failed: readonly ProppatchFailed[]
}

/** No instruction failed, but some were not reported or had an unusable status: whether they applied is unknown. */
export interface ProppatchIncomplete extends ReportBase {
  readonly kind: 'incomplete'
}

/**
 * The server answered 2xx without a multistatus body (some answer 200 or 204 with nothing):
 * it claims success but reported no per-property outcome. Nothing is guessed.
 */
export interface ProppatchNoReport {
  readonly kind: 'no-report'
  readonly status: number
  readonly attempts: number
}

/**
 * The answer to a PROPPATCH. Narrow on `kind`. A locked resource (a 423, or a multistatus naming
 * a `423 Locked`) is `locked`, as for every other write; a multistatus sent with a failure status
 * that names no lock is `failed-dependency` (only 424s) or `partial`.
 */
export type ProppatchResult =
  | ProppatchAllApplied
  | ProppatchRejected
  | ProppatchPartiallyApplied
  | ProppatchIncomplete
  | ProppatchNoReport
  | ContentLocked
  | ContentFailedDependency
  | WritePartial
