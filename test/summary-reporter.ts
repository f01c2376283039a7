import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node'

/** A skip reason in a test's or suite's title: `... (skipped: why)`, the project's convention. */
const reasonInTitle = /\(skipped: (.+)\)\s*$/i

/** Why `test` was skipped: its `context.skip(note)`, else the reason in its own or an enclosing title. */
export function skipReasonOf(test: TestCase): string {
  const result = test.result()
  if (result.state === 'skipped' && result.note !== undefined && result.note !== '') return result.note
  for (let node: TestCase | TestCase['parent'] = test; node.type !== 'module'; node = node.parent) {
    const match = reasonInTitle.exec(node.name)
    if (match?.[1] !== undefined) return match[1]
  }
  return test.options.mode === 'todo' ? 'todo' : 'no reason given'
}

/** The test's path below its file, without the skip reasons (listed once each at the end). */
function shortName(test: TestCase): string {
  return test.fullName
    .split(' > ')
    .map((part) => part.replace(reasonInTitle, '').trimEnd())
    .join(' > ')
}

/** The folder that groups a test file in the timings: `packages/client/test/live`, `test/docs`... */
function folderOf(relativeModuleId: string): string {
  return relativeModuleId.split('/').slice(0, -1).join('/')
}

/**
 * Closes the run after the default reporter. It lists every skipped test with the number of its
 * reason, then one line per reason with its count, then one plain line,
 * `Tests: N passed, N failed, N skipped`, which CI reads. A test file that failed outside its tests
 * (a failing `beforeAll`, an import error) counts as one failure, and so does each unhandled error,
 * so the line never reads "0 failed" on a failed run. With `DAVKIT_TEST_TIMINGS` set it also prints
 * the time spent per folder (import, set-up and tests), slowest first.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0
    let failed = unhandledErrors.length
    const skipped: { readonly module: TestModule; readonly test: TestCase; readonly reason: string }[] = []
    for (const module of testModules) {
      let failedInModule = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failedInModule++
        else skipped.push({ module, test, reason: skipReasonOf(test) })
      }
      if (module.state() === 'failed' && failedInModule === 0) failedInModule = 1
      failed += failedInModule
    }

    const lines: string[] = []
    if (process.env['DAVKIT_TEST_TIMINGS'] !== undefined) lines.push(...timings(testModules))
    if (skipped.length > 0) {
      const reasons = [...new Set(skipped.map((entry) => entry.reason))]
      lines.push('', 'Skipped tests:')
      for (const { module, test, reason } of skipped) {
        lines.push(`  ↓ ${module.relativeModuleId} > ${shortName(test)} [${reasons.indexOf(reason) + 1}]`)
      }
      lines.push('', 'Skip reasons:')
      for (const [index, reason] of reasons.entries()) {
        const count = skipped.filter((entry) => entry.reason === reason).length
        lines.push(`  [${index + 1}] ${count} skipped: ${reason}`)
      }
    }
    lines.push('', `Tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`, '')
    process.stdout.write(lines.join('\n'))
  }
}

/** Seconds spent per folder, summed over its files (files run in parallel, so the sum exceeds the wall time). */
function timings(testModules: ReadonlyArray<TestModule>): string[] {
  const perFolder = new Map<string, number>()
  for (const module of testModules) {
    const d = module.diagnostic()
    const ms = d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration
    const folder = folderOf(module.relativeModuleId)
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + ms)
  }
  const rows = [...perFolder].sort((a, b) => b[1] - a[1])
  return [
    '',
    'Time per folder (s, summed over files):',
    ...rows.map(([folder, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)}  ${folder}`),
  ]
}
