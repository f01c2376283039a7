import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
// Under the workspace's node_modules, so that the bundle's imports of packages resolve as the worker's do.
const OUTFILE = fileURLToPath(new URL('../../node_modules/.cache/davkit-bench/worker.mjs', import.meta.url))

/**
 * The benchmark worker as one JavaScript file (packages left as imports, so `@davkit/*` still load
 * from `dist/`): a child running it pays no TypeScript stripping, whose loader adds about 17 MB to
 * a process's RSS that a user's JavaScript never pays. Resolves to the bundle's path.
 */
export async function bundleWorker(): Promise<string> {
  await build({
    entryPoints: [WORKER],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'error',
  })
  return OUTFILE
}
