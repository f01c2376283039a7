/**
 * The API reference: TypeDoc over the packages' entry points, with every warning an error and
 * link validation on (typedoc.json). Run as `pnpm docs`; here into a temporary directory.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeRun, repoRoot, runNode } from './run-node.ts'

const typedocArgs = ['--import', './docs/api-reference/typescript-6-hook.ts', 'node_modules/typedoc/bin/typedoc']
// TypeDoc prints `[warning]`/`[error]` (coloured on a terminal): either marks a failed check.
const problem = /\[(?:warning|error)\]/

let workDir: string

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'davkit-api-reference-'))
})

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

describe('API reference', () => {
  it('TypeDoc runs on TypeScript 6 through the typescript-6 alias', async () => {
    const run = await runNode([...typedocArgs, '--version'])
    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.stdout).toMatch(/Using TypeScript 6\.\d+\.\d+/)
  })

  it('builds from the sources with no warning, one module per published entry point', { timeout: 120_000 }, async () => {
    const out = join(workDir, 'api')
    const run = await runNode([...typedocArgs, '--out', out], { env: { ...process.env, NO_COLOR: '1' } })
    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(`${run.stdout}\n${run.stderr}`, describeRun(run)).not.toMatch(problem)
    for (const page of ['_davkit_types', '_davkit_client', '_davkit_client_node', '_davkit_testing', '_davkit_testing_node']) {
      expect(existsSync(join(out, 'modules', `${page}.html`)), `modules/${page}.html`).toBe(true)
    }
    const createDavClient = await readFile(join(out, 'functions', '_davkit_client.createDavClient.html'), 'utf8')
    expect(createDavClient).toContain('baseUrl')
    // The landing page (docs/api-reference/index.md) links into every package.
    const index = await readFile(join(out, 'index.html'), 'utf8')
    for (const target of [
      'functions/_davkit_client.createDavClient.html',
      'types/_davkit_types.PropertyResult.html',
      'functions/_davkit_testing_node.listen.html',
    ]) {
      expect(index).toContain(`href="${target}"`)
    }
  })

  it('its tooling (the TypeScript 6 hook, the module-name plugin) type-checks', { timeout: 60_000 }, async () => {
    const run = await runNode(['node_modules/typescript/bin/tsc', '-p', 'docs/api-reference'])
    expect(run.exitCode, describeRun(run)).toBe(0)
  })

  it('fails on a broken {@link}: the check can fail', { timeout: 120_000 }, async () => {
    const fixture = join(workDir, 'broken-link')
    await mkdir(fixture, { recursive: true })
    await writeFile(join(fixture, 'index.ts'), '/** Answers {@link NoSuchThing}. */\nexport const answer: number = 42\n')
    await writeFile(
      join(fixture, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', strict: true, types: [] },
        include: ['index.ts'],
      }),
    )
    // The project's settings (warnings as errors, validation), over the fixture's entry point.
    await writeFile(
      join(fixture, 'typedoc.json'),
      JSON.stringify({ extends: [join(repoRoot, 'typedoc.json')], entryPoints: ['index.ts'], tsconfig: 'tsconfig.json', plugin: [] }),
    )
    const run = await runNode([...typedocArgs, '--options', join(fixture, 'typedoc.json'), '--out', join(fixture, 'api')], {
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(run.exitCode, describeRun(run)).not.toBe(0)
    expect(run.stdout + run.stderr).toContain('NoSuchThing')
  })
})
