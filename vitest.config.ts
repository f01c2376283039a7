import { defineConfig } from 'vitest/config'

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
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
})
