import { describe, expect, it } from 'vitest'
import type { Deviation } from './deviations.ts'
import { formatMatrix } from './matrix.ts'
import type { ScenarioRun } from './run-scenario.ts'
import type { Scenario } from './scenario.ts'
import { scenarioPath } from './observe.ts'
import { judge } from './verdict.ts'

const scenario: Scenario = {
  id: 'demo',
  title: 'a demo',
  steps: [
    { do: 'put', path: 'a.txt', body: 'a' },
    { do: 'copy', from: 'a.txt', to: 'b.txt', overwrite: false, expect: { status: 201 } },
  ],
}

function runWith(copyStatus: number): ScenarioRun {
  const observe = (status: number) => ({ outcome: { status }, detail: { status } })
  return {
    scenario,
    setupProblem: undefined,
    steps: [
      { index: 0, step: scenario.steps[0]!, description: 'PUT a.txt', observation: observe(201) },
      { index: 1, step: scenario.steps[1]!, description: 'COPY a.txt -> b.txt', observation: observe(copyStatus) },
    ],
  }
}

const deviation: Deviation = { target: 'nginx', scenario: 'demo', step: 1, observed: { status: 204 }, note: 'answers 204' }

describe('judge', () => {
  it('passes a run that matches every expectation', () => {
    expect(judge('apache', runWith(201), [deviation])).toMatchObject({ verdict: 'pass', problems: [] })
  })

  it('fails an unexpected outcome, saying which step and what differs', () => {
    expect(judge('apache', runWith(500), []).problems).toEqual(['step 1 (COPY a.txt -> b.txt): $.status: expected 201, got 500'])
  })

  it('marks a recorded deviation as known, and fails it once the server conforms', () => {
    expect(judge('nginx', runWith(204), [deviation])).toMatchObject({ verdict: 'deviation', deviations: [deviation] })
    const fixed = judge('nginx', runWith(201), [deviation])
    expect(fixed.verdict).toBe('fail')
    expect(fixed.problems[0]).toMatch(/conforms to RFC 4918 now; remove the recorded deviation "answers 204"/)
    expect(judge('nginx', runWith(500), [deviation]).problems[0]).toMatch(/\(recorded deviation\) \$\.status: expected 204, got 500/)
  })

  it('fails a scenario whose collection could not be created', () => {
    const run: ScenarioRun = { scenario, steps: [], setupProblem: 'MKCOL demo/ answered {"status":405}' }
    expect(judge('rclone', run, []).problems).toEqual(['setup: MKCOL demo/ answered {"status":405}'])
  })
})

describe('formatMatrix', () => {
  it('prints one row per scenario, a cell per server, the deviations and failures', () => {
    const verdicts = [judge('apache', runWith(201), []), judge('nginx', runWith(204), [deviation]), judge('fake', runWith(500), [])]
    const text = formatMatrix([scenario], ['apache', 'fake', 'nginx', 'rclone'], verdicts, [{ target: 'rclone', reason: 'not installed' }])
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^scenario\s+apache\s+fake\s+nginx\s+rclone$/)
    expect(lines[2]).toMatch(/^demo\s+pass\s+FAIL\s+known dev\s+skip$/)
    expect(text).toContain('1 pass, 1 known deviation, 1 fail')
    expect(text).toContain('skip rclone: not installed')
    expect(text).toContain('nginx / demo step 1: answers 204')
    expect(text).toContain('step 1 (COPY a.txt -> b.txt): $.status: expected 201, got 500')
  })
})

describe('scenarioPath', () => {
  it('strips the DAV root and the scenario collection', () => {
    expect(scenarioPath('/names/with space/', '/')).toBe('/with space/')
    expect(scenarioPath('/names/', '/')).toBe('/')
    expect(scenarioPath('/dav/names/a.txt', '/dav/')).toBe('/a.txt')
    expect(scenarioPath('/elsewhere/a.txt', '/dav/')).toBe('!/elsewhere/a.txt')
  })
})
