import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runChecked } from './run-command.ts'
import { repoRoot, workspaceBin, workspacePackages } from './workspace-packages.ts'

/**
 * Builds every package's `dist/` from scratch with `tsc -p tsconfig.build.json`, in dependency
 * order (types, client, testing): the build configs drop the `@davkit/source` condition, so each
 * package compiles against the `dist/` of the ones before it, as a consumer would.
 */
export async function buildPackages(): Promise<void> {
  for (const pkg of workspacePackages) {
    await rm(join(pkg.dir, 'dist'), { recursive: true, force: true })
    await runChecked(workspaceBin('tsc'), ['-p', join(pkg.dir, 'tsconfig.build.json')], { cwd: repoRoot })
  }
}
