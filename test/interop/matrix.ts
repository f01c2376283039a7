import type { Scenario } from './scenario.ts'
import type { TargetName } from './targets.ts'
import type { ScenarioVerdict } from './verdict.ts'

/** A column that did not run, and why. */
export interface SkippedTarget {
  readonly target: TargetName
  readonly reason: string
}

const cellText = { pass: 'pass', deviation: 'known dev', fail: 'FAIL' } as const

/**
 * The matrix as text: one row per scenario, one column per server, each cell `pass`,
 * `known dev` (a recorded deviation from RFC 4918), `FAIL` or `skip`; then the deviations that
 * matched and the problems of the failed cells.
 */
export function formatMatrix(
  scenarios: readonly Scenario[],
  targets: readonly TargetName[],
  verdicts: readonly ScenarioVerdict[],
  skipped: readonly SkippedTarget[] = [],
): string {
  const cell = (scenario: string, target: TargetName): string => {
    if (skipped.some((skip) => skip.target === target)) return 'skip'
    const verdict = verdicts.find((candidate) => candidate.target === target && candidate.scenarioId === scenario)
    return verdict === undefined ? '-' : cellText[verdict.verdict]
  }
  const firstWidth = Math.max('scenario'.length, ...scenarios.map((scenario) => scenario.id.length))
  const widths = targets.map((target) => Math.max(target.length, 'known dev'.length))
  const row = (first: string, cells: readonly string[]): string =>
    [first.padEnd(firstWidth), ...cells.map((text, index) => text.padEnd(widths[index] ?? 0))].join('  ').trimEnd()
  const lines = [
    row('scenario', targets),
    row(
      '-'.repeat(firstWidth),
      widths.map((width) => '-'.repeat(width)),
    ),
  ]
  for (const scenario of scenarios)
    lines.push(
      row(
        scenario.id,
        targets.map((target) => cell(scenario.id, target)),
      ),
    )

  const counts = { pass: 0, deviation: 0, fail: 0 }
  for (const verdict of verdicts) counts[verdict.verdict]++
  lines.push('', `${counts.pass} pass, ${counts.deviation} known deviation, ${counts.fail} fail`)
  for (const skip of skipped) lines.push(`skip ${skip.target}: ${skip.reason}`)

  const devLines = verdicts.flatMap((verdict) =>
    verdict.deviations.map((deviation) => `  ${verdict.target} / ${verdict.scenarioId} step ${deviation.step}: ${deviation.note}`),
  )
  if (devLines.length > 0) lines.push('', 'known deviations:', ...devLines)
  const failLines = verdicts
    .filter((verdict) => verdict.verdict === 'fail')
    .flatMap((verdict) => [`  ${verdict.target} / ${verdict.scenarioId}:`, ...verdict.problems.map((problem) => `    ${problem}`)])
  if (failLines.length > 0) lines.push('', 'failures:', ...failLines)
  return lines.join('\n')
}
