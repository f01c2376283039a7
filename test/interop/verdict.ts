import { mismatches, type Expected } from './expectation.ts'
import type { Deviation } from './deviations.ts'
import type { ScenarioRun } from './run-scenario.ts'
import { defaultExpectation } from './scenario.ts'
import type { TargetName } from './targets.ts'

/** A cell of the matrix. */
export type Verdict = 'pass' | 'deviation' | 'fail'

/** A scenario's verdict on one server, with every problem that made it fail. */
export interface ScenarioVerdict {
  readonly target: TargetName
  readonly scenarioId: string
  readonly verdict: Verdict
  /** The known deviations that matched. */
  readonly deviations: readonly Deviation[]
  /** Why the verdict is `fail`: unexpected outcomes, stale or unused deviations. */
  readonly problems: readonly string[]
}

/**
 * Judges a run: each step's outcome must match the RFC expectation, or, where `deviations` lists
 * one for this server and step, the recorded deviation (and then must not match the RFC
 * expectation: a deviation that no longer happens is reported, so the table stays true).
 */
export function judge(target: TargetName, run: ScenarioRun, deviations: readonly Deviation[]): ScenarioVerdict {
  const mine = deviations.filter((deviation) => deviation.target === target && deviation.scenario === run.scenario.id)
  const problems: string[] = []
  const matched: Deviation[] = []
  if (run.setupProblem !== undefined) problems.push(`setup: ${run.setupProblem}`)
  for (const record of run.steps) {
    const expected: Expected = defaultExpectation(record.step)
    const deviation = mine.find((candidate) => candidate.step === record.index)
    const label = `step ${record.index} (${record.description})`
    if (deviation === undefined) {
      for (const problem of mismatches(expected, record.observation.outcome)) problems.push(`${label}: ${problem}`)
      continue
    }
    const againstDeviation = mismatches(deviation.observed, record.observation.outcome)
    if (againstDeviation.length === 0) {
      matched.push(deviation)
      continue
    }
    if (mismatches(expected, record.observation.outcome).length === 0) {
      problems.push(`${label}: conforms to RFC 4918 now; remove the recorded deviation "${deviation.note}"`)
    } else {
      for (const problem of againstDeviation) problems.push(`${label}: (recorded deviation) ${problem}`)
    }
  }
  for (const deviation of mine) {
    if (!run.steps.some((record) => record.index === deviation.step)) {
      problems.push(`deviation for step ${deviation.step} names no step of the scenario`)
    }
  }
  const verdict: Verdict = problems.length > 0 ? 'fail' : matched.length > 0 ? 'deviation' : 'pass'
  return { target, scenarioId: run.scenario.id, verdict, deviations: matched, problems }
}
