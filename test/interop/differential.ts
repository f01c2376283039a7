import { mismatches, type Expected, type Observed } from './expectation.ts'
import type { Deviation } from './deviations.ts'
import type { ScenarioRun } from './run-scenario.ts'
import type { TargetName } from './targets.ts'

/** A step where two servers are allowed to differ (both answers conform), and why. */
export interface DifferentialException {
  readonly scenario: string
  readonly step: number
  readonly note: string
}

/**
 * Compares the decoded results of two servers step by step (the `detail` of each observation:
 * every reported property and status, values that naturally differ reduced to their shape).
 * Only steps where neither server has a recorded deviation count: those are the steps both
 * support. Returns how many steps were compared, and one line per difference.
 */
export function differences(
  left: { readonly target: TargetName; readonly runs: readonly ScenarioRun[] },
  right: { readonly target: TargetName; readonly runs: readonly ScenarioRun[] },
  deviations: readonly Deviation[],
  exceptions: readonly DifferentialException[],
): { readonly compared: number; readonly differences: readonly string[] } {
  const deviates = (target: TargetName, scenario: string, step: number): boolean =>
    deviations.some((deviation) => deviation.target === target && deviation.scenario === scenario && deviation.step === step)
  const out: string[] = []
  let compared = 0
  for (const leftRun of left.runs) {
    const rightRun = right.runs.find((run) => run.scenario.id === leftRun.scenario.id)
    if (rightRun === undefined) continue
    for (const leftStep of leftRun.steps) {
      const id = leftRun.scenario.id
      if (deviates(left.target, id, leftStep.index) || deviates(right.target, id, leftStep.index)) continue
      if (exceptions.some((exception) => exception.scenario === id && exception.step === leftStep.index)) continue
      const rightStep = rightRun.steps.find((step) => step.index === leftStep.index)
      if (rightStep === undefined) continue
      compared++
      const diff = mismatches(leftStep.observation.detail as Expected, rightStep.observation.detail as Observed)
      for (const line of diff) {
        out.push(`${id} step ${leftStep.index} (${leftStep.description}): ${left.target} vs ${right.target}: ${line}`)
      }
    }
  }
  return { compared, differences: out }
}
