import { basename, join } from 'node:path'
import { runChecked } from './run-command.ts'
import { workspacePackages, type WorkspacePackage } from './workspace-packages.ts'

/** A package packed into a tarball, as it would be published. */
export interface PackedPackage extends WorkspacePackage {
  readonly tarball: string
}

/**
 * Packs every package with `pnpm pack` into `destination` (pnpm turns `workspace:*` ranges into
 * the real versions and applies `publishConfig`, as `pnpm publish` does). Build first.
 */
export async function packPackages(destination: string): Promise<readonly PackedPackage[]> {
  const packed: PackedPackage[] = []
  for (const pkg of workspacePackages) {
    const result = await runChecked('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir })
    const report: unknown = JSON.parse(result.stdout)
    const filename =
      typeof report === 'object' && report !== null && 'filename' in report && typeof report.filename === 'string'
        ? report.filename
        : undefined
    if (filename === undefined) throw new Error(`pnpm pack printed no filename for ${pkg.name}: ${result.stdout}`)
    packed.push({ ...pkg, tarball: join(destination, basename(filename)) })
  }
  return packed
}
