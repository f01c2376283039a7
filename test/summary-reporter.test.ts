import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const fixtureDir = fileURLToPath(new URL('./summary-reporter-fixture/', import.meta.url))
const vitestBin = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))

/** Runs vitest with the summary reporter on the fixture and resolves with what it printed. */
function runFixture(): Promise<{ readonly code: number | null; readonly stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitestBin, 'run'],
      { cwd: fixtureDir, env: { ...process.env, NO_COLOR: '1', CI: '' }, timeout: 60_000 },
      (error, stdout) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout }),
    )
  })
}

it('lists each skipped test with its reason, counts each reason once, and closes with the plain line', async () => {
  const { code, stdout } = await runFixture()
  expect(code).toBe(1)
  const lines = stdout.trimEnd().split('\n')
  expect(lines.at(-1)).toBe('Tests: 1 passed, 1 failed, 4 skipped')
  expect(lines).toContain('  ↓ skips.fixture.ts > a server suite > talks to frobd [1]')
  expect(lines).toContain('  ↓ skips.fixture.ts > skips with a note [2]')
  expect(lines).toContain('  ↓ skips.fixture.ts > skips without a reason [3]')
  const reasons = lines.slice(lines.indexOf('Skip reasons:') + 1, -2)
  expect(reasons).toEqual([
    '  [1] 2 skipped: frobd is not installed',
    '  [2] 1 skipped: the corpus is absent',
    '  [3] 1 skipped: no reason given',
  ])
}, 60_000)
