import { readFile } from 'node:fs/promises'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import type { PackedPackage } from './pack-packages.ts'
import { runCommand, type CommandResult } from './run-command.ts'
import { repoRoot, workspaceBin } from './workspace-packages.ts'

/**
 * publint's findings (suggestions included, strict mode) on the files of the packed tarball,
 * i.e. on exactly what would be published, one formatted line each. Empty when all is well.
 */
export async function publintFindings(pkg: PackedPackage): Promise<readonly string[]> {
  const tarball = await readFile(pkg.tarball)
  const { messages, pkg: manifest } = await publint({
    level: 'suggestion',
    strict: true,
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
  })
  return messages.map((message) => `${message.type}: ${formatMessage(message, manifest, { color: false }) ?? message.code}`)
}

/**
 * Runs `attw` (Are The Types Wrong) on the tarball with the `esm-only` profile, which ignores
 * the CommonJS resolutions (`node10`, `node16` from CJS) that an ESM-only package cannot serve.
 */
export function attwCheck(pkg: PackedPackage): Promise<CommandResult> {
  return runCommand(workspaceBin('attw'), [pkg.tarball, '--profile', 'esm-only', '--format', 'ascii'], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeoutMs: 120_000,
  })
}

/** The paths inside a tarball (without the leading `package/`). */
export async function tarballFiles(pkg: PackedPackage): Promise<readonly string[]> {
  const result = await runCommand('tar', ['-tzf', pkg.tarball], { cwd: repoRoot })
  if (result.exitCode !== 0) throw new Error(`tar -tzf ${pkg.tarball}: ${result.stderr}`)
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''))
}
