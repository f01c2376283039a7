import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { repoRoot } from './workspace-packages.ts'

/** What one browser bundle weighs, and what went into it. */
export interface BundleMeasurement {
  readonly label: string
  /** Minified bytes. */
  readonly minified: number
  /** Minified, then gzip level 9, bytes. */
  readonly gzipped: number
  /** The names the bundle's entry exports. */
  readonly exports: readonly string[]
  /** Every module the bundler read (paths relative to the bundle's directory), kept or shaken out. */
  readonly inputs: readonly string[]
  /** The modules that left code in the bundle (same paths as `inputs`), with their minified bytes. */
  readonly modules: ReadonlyMap<string, number>
  /** Imports left outside the bundle (none for a self-contained browser build). */
  readonly externalImports: readonly string[]
  /** Minified bytes by origin (an npm package, or a source folder of the workspace), largest first. */
  readonly contributors: readonly (readonly [origin: string, bytes: number])[]
}

/** Where an input of the bundle comes from: its npm package, or its folder in the workspace. */
function originOf(input: string): string {
  const inPackage = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)
  if (inPackage?.[1] !== undefined) return inPackage[1]
  return input.split('/').slice(0, 4).join('/')
}

function contributorsOf(inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>): [string, number][] {
  const bytes = new Map<string, number>()
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const origin = originOf(input)
    bytes.set(origin, (bytes.get(origin) ?? 0) + bytesInOutput)
  }
  return [...bytes].sort((a, b) => b[1] - a[1])
}

const clientDir = join(repoRoot, 'packages/client')

const nodeBuiltins: ReadonlySet<string> = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** The Node-only modules among a bundle's inputs and external imports (`node:*` built-ins). */
export function nodeOnlyModules(measurement: BundleMeasurement): readonly string[] {
  return [...measurement.inputs, ...measurement.externalImports].filter(
    (path) => nodeBuiltins.has(path) || path.startsWith('node:') || path.includes('(disabled):'),
  )
}

/**
 * Bundles `source` (an ES module whose imports resolve from `resolveDir`, by default `packages/client`) the way an app's
 * bundler would for a browser: esbuild, `platform: 'browser'`, ESM, tree-shaken and minified.
 * Workspace packages resolve to their sources through the `@davkit/source` condition; esbuild
 * refuses Node built-ins on the browser platform, so a Node-only import fails the build.
 * `ignoreSideEffectsField` bundles as a bundler that trusts no `"sideEffects": false` would.
 */
export async function measureBrowserBundle(
  label: string,
  source: string,
  resolveDir: string = clientDir,
  how: { readonly ignoreSideEffectsField?: boolean } = {},
): Promise<BundleMeasurement> {
  const result = await build({
    stdin: { contents: source, resolveDir, sourcefile: `${label}.ts`, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2023',
    minify: true,
    treeShaking: true,
    // As a bundler that does not read package.json's `sideEffects` (nor pure annotations) would.
    ignoreAnnotations: how.ignoreSideEffectsField === true,
    conditions: ['@davkit/source', 'module'],
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error(`esbuild produced no output for ${label}`)
  const meta: Metafile = result.metafile
  const outputMeta = Object.values(meta.outputs)[0]
  return {
    label,
    minified: output.contents.byteLength,
    gzipped: gzipSync(output.contents, { level: 9 }).byteLength,
    exports: outputMeta?.exports ?? [],
    inputs: Object.keys(meta.inputs),
    modules: new Map(
      Object.entries(outputMeta?.inputs ?? {})
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input, { bytesInOutput }]) => [input, bytesInOutput]),
    ),
    externalImports: (outputMeta?.imports ?? []).map((entry) => entry.path),
    contributors: contributorsOf(outputMeta?.inputs ?? {}),
  }
}

/** `bytes` in KiB with one decimal, e.g. `12.3 KB`. */
export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

/** One line per measurement: label, minified size, gzipped size. */
export function formatMeasurements(measurements: readonly BundleMeasurement[]): string {
  const width = Math.max(...measurements.map((m) => m.label.length))
  return measurements
    .map((m) => `${m.label.padEnd(width)}  ${formatKb(m.minified).padStart(9)} minified  ${formatKb(m.gzipped).padStart(8)} gzipped`)
    .join('\n')
}

/** The largest contributors of a bundle, one per line (`origin  12.3 KB`). */
export function formatContributors(measurement: BundleMeasurement, count: number): string {
  return measurement.contributors
    .slice(0, count)
    .map(([origin, bytes]) => `  ${origin.padEnd(36)} ${formatKb(bytes).padStart(9)} minified`)
    .join('\n')
}
