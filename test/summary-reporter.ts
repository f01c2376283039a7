import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after the default reporter.
 * A test file that failed outside its tests (a failing `beforeAll`, an import error) counts as one
 * failure, and so does each unhandled error, so the line never reads "0 failed" on a failed run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      let failedInModule = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failedInModule++
        else skipped++
      }
      if (module.state() === 'failed' && failedInModule === 0) failedInModule = 1
      failed += failedInModule
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
