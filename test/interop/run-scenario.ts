import type { DavActions, Observation } from './actions.ts'
import { describeStep, type Scenario, type Step } from './scenario.ts'

/** What one step of a scenario observed on one server. */
export interface StepRecord {
  readonly index: number
  readonly step: Step
  readonly description: string
  readonly observation: Observation
}

/** A scenario's run on one server: its steps, or why it could not run at all. */
export interface ScenarioRun {
  readonly scenario: Scenario
  readonly steps: readonly StepRecord[]
  /** Set when the scenario's own collection could not be created. */
  readonly setupProblem: string | undefined
}

async function runStep(actions: DavActions, base: string, step: Step, locks: Map<string, string>): Promise<Observation> {
  const tokenOf = (name: string): string => {
    const token = locks.get(name)
    if (token === undefined) throw new Error(`no lock named ${name} (its LOCK gave no token)`)
    return token
  }
  switch (step.do) {
    case 'mkcol':
      return actions.mkcol(base + step.path)
    case 'put':
      return actions.put(base + step.path, step.body, step.lock === undefined ? undefined : tokenOf(step.lock))
    case 'delete':
      return actions.delete(base + step.path)
    case 'propfind':
      return actions.propfind(base + step.path, step.depth, step.props)
    case 'proppatch':
      return actions.proppatch(base + step.path, step.instructions)
    case 'copy':
      return actions.copy(base + step.from, base + step.to, step.depth, step.overwrite)
    case 'move':
      return actions.move(base + step.from, base + step.to, step.overwrite)
    case 'lock': {
      const path = base + step.path
      const observation =
        step.by === 'other' ? await actions.otherLock(path, step.owner, step.depth) : await actions.lock(path, step.owner, step.depth)
      if (observation.token !== undefined) locks.set(step.as, observation.token)
      return observation
    }
    case 'unlock':
      return step.by === 'other'
        ? actions.otherUnlock(base + step.path, tokenOf(step.lock))
        : actions.unlock(base + step.path, tokenOf(step.lock))
  }
}

/**
 * Runs `scenario` in its own collection (`<id>/` under the DAV root, created first). Every step
 * runs, whatever the previous ones observed; a step that throws is observed as
 * `{ thrown: <message> }` so the report says what happened.
 */
export async function runScenario(actions: DavActions, scenario: Scenario): Promise<ScenarioRun> {
  const base = `${scenario.id}/`
  const setup = await actions.mkcol(base)
  const setupStatus = (setup.outcome as { status?: unknown }).status
  if (setupStatus !== 201) {
    return { scenario, steps: [], setupProblem: `MKCOL ${base} answered ${JSON.stringify(setup.outcome)}` }
  }
  const locks = new Map<string, string>()
  const steps: StepRecord[] = []
  for (const [index, step] of scenario.steps.entries()) {
    let observation: Observation
    try {
      observation = await runStep(actions, base, step, locks)
    } catch (error) {
      const thrown = { thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
      observation = { outcome: thrown, detail: thrown }
    }
    steps.push({ index, step, description: describeStep(step), observation })
  }
  return { scenario, steps, setupProblem: undefined }
}
