import { build } from 'esbuild'

/**
 * Bundles a test page's script for the browser: esbuild, ESM, with an inline source map so page
 * errors point at the test sources. Workspace packages resolve to their TypeScript sources (the
 * `@davkit/source` condition); esbuild refuses Node built-ins on the browser platform.
 */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2023',
    conditions: ['@davkit/source', 'module'],
    sourcemap: 'inline',
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error(`esbuild produced no output for ${entry}`)
  return output.text
}
