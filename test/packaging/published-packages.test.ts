/**
 * The packages as a consumer gets them: built with `tsc`, packed with `pnpm pack`, linted with
 * publint and attw (ESM-only profile), then installed from their tarballs into a fresh consumer
 * project (test/consumer/project) that type-checks under `nodenext` and `bundler` resolution,
 * runs a program on Node 22 and 24 and runs a vitest test on both. The release flow as a publisher
 * and a first user meet it: `pnpm -r publish --dry-run` is clean, the packed manifests name real
 * versions instead of `workspace:` ranges, and the tarballs of `@davkit/types` and `@davkit/client`
 * install with npm into an empty project, as the README's Install section says.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildPackages } from './build-packages.ts'
import { installConsumerProject, type ConsumerProject } from './consumer-project.ts'
import { attwCheck, publintFindings, tarballFiles } from './lint-package.ts'
import { nodeBinary, type NodeBinary } from './node-versions.ts'
import { packPackages, type PackedPackage } from './pack-packages.ts'
import { describeResult, runChecked, runCommand } from './run-command.ts'
import { readPackageJson, repoRoot, workspacePackages } from './workspace-packages.ts'

const consumerNodeMajors = [22, 24] as const

/** Compiling, installing and running tools take seconds each, more on a busy machine. */
const toolTimeoutMs = 180_000

let workDir = ''
let packed: readonly PackedPackage[] = []
let consumer: ConsumerProject | undefined
const nodes = new Map<number, NodeBinary>()
/** Why building, packing or installing failed: every test then fails with it (rather than being skipped). */
let setupError: unknown

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'davkit-packaging-'))
  try {
    await buildPackages()
    packed = await packPackages(join(workDir, 'tarballs'))
    for (const major of consumerNodeMajors) nodes.set(major, await nodeBinary(major))
    consumer = await installConsumerProject(join(workDir, 'consumer'), packed)
  } catch (error) {
    setupError = error
  }
}, 600_000)

afterAll(async () => {
  if (workDir !== '' && process.env['DAVKIT_KEEP_TMP'] === undefined) await rm(workDir, { recursive: true, force: true })
})

function packedPackage(name: string): PackedPackage {
  if (setupError !== undefined) throw setupError
  const found = packed.find((pkg) => pkg.name === name)
  if (found === undefined) throw new Error(`${name} was not packed`)
  return found
}

function installedConsumer(): ConsumerProject {
  if (setupError !== undefined) throw setupError
  if (consumer === undefined) throw new Error('the consumer project was not installed (see beforeAll)')
  return consumer
}

function node(major: number): string {
  if (setupError !== undefined) throw setupError
  const binary = nodes.get(major)
  if (binary === undefined) throw new Error(`Node ${major} is not available (see beforeAll)`)
  return binary.path
}

describe.each(workspacePackages.map((pkg) => pkg.name))('%s as published', (name) => {
  test(
    'publint finds nothing, suggestions included',
    async () => {
      expect(await publintFindings(packedPackage(name))).toEqual([])
    },
    toolTimeoutMs,
  )

  test(
    'attw (ESM-only profile) finds no problem',
    async () => {
      const result = await attwCheck(packedPackage(name))
      expect(result.exitCode, describeResult(result)).toBe(0)
    },
    toolTimeoutMs,
  )

  test(
    'the tarball holds the built entry point and declarations, and no tests',
    async () => {
      const files = await tarballFiles(packedPackage(name))
      expect(files).toContain('dist/index.js')
      expect(files).toContain('dist/index.d.ts')
      expect(files).toContain('package.json')
      expect(files.filter((file) => /\.test(-d)?\.ts$|\.tsbuildinfo$|(^|\/)test-support\//.test(file))).toEqual([])
    },
    toolTimeoutMs,
  )
})

describe('a consumer project installing the tarballs', () => {
  test.each(['tsconfig.nodenext.json', 'tsconfig.bundler.json'])(
    'type-checks with %s',
    async (tsconfig) => {
      const result = await installedConsumer().typecheck(tsconfig)
      expect(result.exitCode, describeResult(result)).toBe(0)
    },
    toolTimeoutMs,
  )

  test.each(consumerNodeMajors)(
    'runs its program on Node %i',
    async (major) => {
      const project = installedConsumer()
      const compiled = await project.typecheck('tsconfig.nodenext.json')
      expect(compiled.exitCode, describeResult(compiled)).toBe(0)
      const result = await project.runProgram(node(major))
      expect(result.exitCode, describeResult(result)).toBe(0)
      const lastLine = result.stdout.trim().split('\n').at(-1) ?? ''
      expect(JSON.parse(lastLine), describeResult(result)).toMatchObject({ ok: true })
    },
    toolTimeoutMs,
  )

  test.each(consumerNodeMajors)(
    'passes its vitest test using @davkit/testing on Node %i',
    async (major) => {
      const result = await installedConsumer().runVitest(node(major))
      expect(result.exitCode, describeResult(result)).toBe(0)
      expect(result.stdout).toMatch(/Tests\s+\d+ passed/)
      expect(result.stdout).not.toMatch(/failed/)
    },
    toolTimeoutMs,
  )
})

/** The package.json inside a tarball. */
async function packedManifest(pkg: PackedPackage): Promise<Record<string, unknown>> {
  const dir = join(workDir, 'unpacked', pkg.name.replace('/', '+'))
  await mkdir(dir, { recursive: true })
  await runChecked('tar', ['-xzf', pkg.tarball, '-C', dir], { cwd: workDir })
  return readPackageJson(join(dir, 'package'))
}

describe('releasing', () => {
  test(
    'pnpm -r publish --dry-run succeeds for every package',
    async () => {
      const result = await runCommand('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], { cwd: repoRoot })
      expect(result.exitCode, describeResult(result)).toBe(0)
      for (const { name } of workspacePackages) expect(result.stdout + result.stderr).toContain(`${name}@`)
    },
    toolTimeoutMs,
  )

  test.each(workspacePackages.map((pkg) => pkg.name))(
    '%s packs with its @davkit dependencies at their versions, not workspace: ranges',
    async (name) => {
      const manifest = await packedManifest(packedPackage(name))
      const types = await readPackageJson(join(repoRoot, 'packages/types'))
      const dependencies = { ...(manifest['dependencies'] as Record<string, string> | undefined) }
      expect(JSON.stringify(manifest)).not.toContain('workspace:')
      if (name !== '@davkit/types') expect(dependencies['@davkit/types']).toBe(types['version'])
    },
    toolTimeoutMs,
  )

  test(
    'the types and client tarballs install with npm into an empty project and import',
    async () => {
      const project = join(workDir, 'npm-consumer')
      await mkdir(project, { recursive: true })
      await writeFile(join(project, 'package.json'), '{ "name": "npm-consumer", "private": true, "type": "module" }\n')
      const tarball = (name: string): string => packedPackage(name).tarball
      const install = await runCommand(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball('@davkit/types'), tarball('@davkit/client')],
        { cwd: project },
      )
      expect(install.exitCode, describeResult(install)).toBe(0)
      const run = await runCommand(
        process.execPath,
        ['--input-type=module', '-e', "const m = await import('@davkit/client'); console.log(typeof m.createDavClient)"],
        { cwd: project },
      )
      expect(run.stdout.trim(), describeResult(run)).toBe('function')
    },
    toolTimeoutMs,
  )
})
