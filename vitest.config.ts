import { defineConfig } from 'vitest/config'

// Type tests run with vitest's typecheck, which warns on every run that it is experimental; the
// lockfile pins vitest, so the warning tells a reader nothing.
process.env['VITEST_DISABLE_EXPERIMENTAL_LOG'] ??= 'true'

export default defineConfig({
  resolve: {
    conditions: ['@davkit/source'],
  },
  ssr: {
    resolve: {
      conditions: ['@davkit/source'],
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.typetests.json',
    },
    reporters: ['default', './test/summary-reporter.ts'],
    // One worker runs many files and keeps the modules they share loaded (the client, the fake
    // server, msw): starting a fresh worker per file cost a third of the suite's time on 2 cores.
    // Every file starts and stops its own servers and msw interceptors, so files stay independent.
    isolate: false,
    // Vitest runs one worker on 2 cores (cores - 1), but most of the suite's time is spent waiting
    // on child processes (servers, Chromium, tsc, TypeDoc, pnpm), so three files at a time keep
    // both cores busy.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
})
