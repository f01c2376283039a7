import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClientActions } from './client-actions.ts'
import { deviations } from './deviations.ts'
import { differences } from './differential.ts'
import { differentialExceptions } from './differential-exceptions.ts'
import { formatMatrix, type SkippedTarget } from './matrix.ts'
import { runScenario, type ScenarioRun } from './run-scenario.ts'
import { scenarios } from './scenarios.ts'
import { startTarget, targetNames, targetSkipReason, type RunningTarget, type TargetName } from './targets.ts'
import { judge, type ScenarioVerdict } from './verdict.ts'

/**
 * The interop matrix (issue #5): every scenario against every server, each step's outcome judged
 * against RFC 4918 or the server's recorded deviation, then a differential check of Apache and the
 * fake server. Servers run in parallel, scenarios one after the other on each.
 */

const runs = new Map<TargetName, ScenarioRun[]>()
/** Targets that could not start (in CI, a missing server fails its column with the reason). */
const startErrors = new Map<TargetName, string>()
const verdicts: ScenarioVerdict[] = []
const skipped: SkippedTarget[] = []
const runnable = targetNames.filter((name) => {
  const reason = targetSkipReason(name)
  if (reason !== undefined) skipped.push({ target: name, reason })
  return reason === undefined
})

async function runTarget(name: TargetName): Promise<void> {
  let target: RunningTarget
  try {
    target = await startTarget(name)
  } catch (error) {
    startErrors.set(name, error instanceof Error ? error.message : String(error))
    return
  }
  try {
    const actions = createClientActions(target.url)
    const results: ScenarioRun[] = []
    for (const scenario of scenarios) results.push(await runScenario(actions, scenario))
    runs.set(name, results)
    for (const run of results) verdicts.push(judge(name, run, deviations))
  } finally {
    await target.stop()
  }
}

beforeAll(async () => {
  await Promise.all(runnable.map((name) => runTarget(name)))
}, 150_000)

afterAll(() => {
  process.stdout.write(`\nWebDAV interop matrix (scenario x server):\n${formatMatrix(scenarios, targetNames, verdicts, skipped)}\n\n`)
})

for (const name of targetNames) {
  const reason = targetSkipReason(name)
  describe.skipIf(reason !== undefined)(reason === undefined ? name : `${name} (skipped: ${reason})`, () => {
    for (const scenario of scenarios) {
      it(`${scenario.id}: ${scenario.title}`, () => {
        expect(startErrors.get(name), `${name} did not start`).toBeUndefined()
        const verdict = verdicts.find((candidate) => candidate.target === name && candidate.scenarioId === scenario.id)
        expect(verdict, `no run of ${scenario.id} on ${name}`).toBeDefined()
        expect(verdict?.problems).toEqual([])
      })
    }
  })
}

describe.skipIf(targetSkipReason('apache') !== undefined)(
  `differential: Apache and the fake server${targetSkipReason('apache') === undefined ? '' : ` (skipped: ${targetSkipReason('apache')})`}`,
  () => {
    it('decode to the same results wherever both follow RFC 4918', () => {
      const apache = runs.get('apache')
      const fake = runs.get('fake')
      expect(apache).toBeDefined()
      expect(fake).toBeDefined()
      const { compared, differences: found } = differences(
        { target: 'apache', runs: apache ?? [] },
        { target: 'fake', runs: fake ?? [] },
        deviations,
        differentialExceptions,
      )
      process.stdout.write(
        `differential apache vs fake: ${compared} steps compared, ${found.length} differ${found.map((line) => `\n  ${line}`).join('')}\n`,
      )
      expect(compared).toBeGreaterThan(0)
      expect(found).toEqual([])
    })
  },
)
