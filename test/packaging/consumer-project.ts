import { cp, readdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PackedPackage } from './pack-packages.ts'
import { runChecked, runCommand, type CommandResult } from './run-command.ts'
import { repoRoot } from './workspace-packages.ts'

/** The fixture's sources in the repository. */
export const consumerFixtureDir: string = join(repoRoot, 'test/consumer/project')

/** Versions of the consumer's own tools, taken from the registry. */
const consumerDevDependencies: Readonly<Record<string, string>> = {
  '@types/node': '^24.0.0',
  msw: '^3.0.5',
  typescript: '^7.0.2',
  vitest: '^5.1.1',
}

/** A consumer project installed in a temporary directory. */
export interface ConsumerProject {
  readonly dir: string
  /** Runs the fixture's `tsc` with one of its tsconfig files. */
  typecheck(tsconfig: string): Promise<CommandResult>
  /** Runs the compiled program (`dist/main.js`, after `typecheck('tsconfig.nodenext.json')`) on a node binary. */
  runProgram(node: string): Promise<CommandResult>
  /** Runs the fixture's vitest tests on a node binary. */
  runVitest(node: string): Promise<CommandResult>
}

async function renameTemplates(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts.in')) {
      const from = join(entry.parentPath, entry.name)
      await rename(from, from.slice(0, -'.in'.length))
    }
  }
}

/**
 * Copies the fixture into `dir`, points its dependencies at the packed tarballs (each `@davkit/*`
 * package is also overridden to its tarball, so that `@davkit/client`'s dependency on
 * `@davkit/types` resolves to the tarball and not to the registry) and installs it with pnpm.
 */
export async function installConsumerProject(dir: string, packed: readonly PackedPackage[]): Promise<ConsumerProject> {
  await cp(consumerFixtureDir, dir, { recursive: true })
  await renameTemplates(dir)
  const tarballs = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]))
  const manifest = {
    name: 'davkit-consumer-fixture',
    private: true,
    type: 'module',
    dependencies: tarballs,
    devDependencies: consumerDevDependencies,
  }
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const overrides = packed.map((pkg) => `  '${pkg.name}': '${tarballs[pkg.name] ?? ''}'`).join('\n')
  await writeFile(join(dir, 'pnpm-workspace.yaml'), `overrides:\n${overrides}\nstrictDepBuilds: false\n`)
  await runChecked('pnpm', ['install', '--prefer-offline', '--config.confirmModulesPurge=false'], {
    cwd: dir,
    env: { ...process.env, CI: 'true' },
    timeoutMs: 300_000,
  })

  return {
    dir,
    typecheck: (tsconfig) => runCommand(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: dir }),
    runProgram: (node) => runCommand(node, [join(dir, 'dist/main.js')], { cwd: dir, timeoutMs: 60_000 }),
    runVitest: (node) =>
      runCommand(node, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run'], {
        cwd: dir,
        env: { ...process.env, CI: 'true', NO_COLOR: '1' },
        timeoutMs: 180_000,
      }),
  }
}
