import { defineConfig } from 'vitest/config'

// A consumer needs no configuration for davkit. This repository runs the example against the
// workspace sources instead of a build: the `@davkit/source` export condition selects them.
export default defineConfig({
  resolve: { conditions: ['@davkit/source'] },
  ssr: { resolve: { conditions: ['@davkit/source'] } },
  test: { include: ['test/**/*.test.ts'] },
})
