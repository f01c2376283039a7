/**
 * Browser bundle size of @davkit/client, measured on every run with esbuild (minified, then
 * gzip): the whole client, a program that only lists a collection with PROPFIND (the standalone
 * `propfind` when the client exports one), the decoder alone when exported, and @davkit/testing's
 * main entry; the `webdav` package's browser build is printed beside them for comparison.
 * The target is 40 KB gzipped for the whole client; the mandated dependencies alone (ky 2, and
 * fast-xml-parser 5.12 with the entity, path-matcher and safety modules it pulls in, plus its
 * builder) weigh about 35 KB gzipped, so the target is reported, not enforced. What is enforced is a
 * ceiling that catches regressions. Nothing Node-only may end up in a browser bundle.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { formatContributors, formatMeasurements, measureBrowserBundle, nodeOnlyModules, type BundleMeasurement } from './bundle-size.ts'
import { repoRoot } from './workspace-packages.ts'

/** The whole client's target, gzipped (the `webdav` package's browser build is about 49 KB): reported. */
const wholeClientTargetBytes = 40 * 1024
/** The whole client's ceiling, gzipped: about 10% above today's size, so a regression fails. */
const wholeClientCeilingBytes = 64 * 1024

const measurements: BundleMeasurement[] = []
let whole: BundleMeasurement | undefined
let propfindOnly: BundleMeasurement | undefined
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
  measurements.push(whole, propfindOnly)
  if (whole.exports.includes('decodeMultiStatus')) {
    measurements.push(await measureBrowserBundle('decodeMultiStatus alone', `export { decodeMultiStatus } from '@davkit/client'`))
  }
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
  test(`the whole client stays under its ${wholeClientCeilingBytes / 1024} KB gzipped ceiling (target ${wholeClientTargetBytes / 1024} KB reported)`, () => {
    const client = measured(whole)
    expect(client.gzipped).toBeGreaterThan(0)
    const over = client.gzipped - wholeClientTargetBytes
    console.log(
      over > 0
        ? `whole client: ${(client.gzipped / 1024).toFixed(1)} KB gzipped, ${(over / 1024).toFixed(1)} KB over the ${wholeClientTargetBytes / 1024} KB target`
        : `whole client: ${(client.gzipped / 1024).toFixed(1)} KB gzipped, within the ${wholeClientTargetBytes / 1024} KB target`,
    )
    const largest = formatContributors(client, 10)
    expect(client.gzipped, `over the ceiling; largest parts:\n${largest}`).toBeLessThanOrEqual(wholeClientCeilingBytes)
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
