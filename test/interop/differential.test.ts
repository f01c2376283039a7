import { describe, expect, it } from 'vitest'
import type { Deviation } from './deviations.ts'
import { differences } from './differential.ts'
import type { ScenarioRun } from './run-scenario.ts'
import type { Scenario } from './scenario.ts'

const scenario: Scenario = {
  id: 'demo',
  title: 'a demo',
  steps: [
    { do: 'put', path: 'a.txt', body: 'a' },
    { do: 'delete', path: 'a.txt', expect: { status: 204 } },
  ],
}

function run(putDetail: object, deleteDetail: object): ScenarioRun {
  return {
    scenario,
    setupProblem: undefined,
    steps: [
      {
        index: 0,
        step: scenario.steps[0]!,
        description: 'PUT a.txt',
        observation: { outcome: { status: 201 }, detail: putDetail as never },
      },
      {
        index: 1,
        step: scenario.steps[1]!,
        description: 'DELETE a.txt',
        observation: { outcome: { status: 204 }, detail: deleteDetail as never },
      },
    ],
  }
}

describe('differences', () => {
  const apache = { target: 'apache' as const, runs: [run({ kind: 'created' }, { kind: 'deleted', conditions: [] })] }

  it('compares every step both ran and reports each differing field', () => {
    const fake = { target: 'fake' as const, runs: [run({ kind: 'created' }, { kind: 'deleted', conditions: ['{DAV:}x'] })] }
    expect(differences(apache, fake, [], [])).toEqual({
      compared: 2,
      differences: ['demo step 1 (DELETE a.txt): apache vs fake: $.conditions: expected 0 items [], got 1 ["{DAV:}x"]'],
    })
  })

  it('leaves out steps with a recorded deviation on either side, and listed exceptions', () => {
    const fake = { target: 'fake' as const, runs: [run({ kind: 'replaced' }, { kind: 'gone' })] }
    const deviation: Deviation = { target: 'apache', scenario: 'demo', step: 1, observed: { status: 204 }, note: 'n' }
    expect(differences(apache, fake, [deviation], [{ scenario: 'demo', step: 0, note: 'both allowed' }])).toEqual({
      compared: 0,
      differences: [],
    })
  })
})
