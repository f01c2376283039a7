import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root directory. */
export const repoRoot: string = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/** A publishable workspace package. */
export interface WorkspacePackage {
  /** Its npm name, e.g. `@davkit/client`. */
  readonly name: string
  /** Its directory. */
  readonly dir: string
}

/** The published packages, in build order (each one's dependencies come before it). */
export const workspacePackages: readonly WorkspacePackage[] = [
  { name: '@davkit/types', dir: join(repoRoot, 'packages/types') },
  { name: '@davkit/client', dir: join(repoRoot, 'packages/client') },
  { name: '@davkit/testing', dir: join(repoRoot, 'packages/testing') },
]

/** A binary installed in the workspace root's `node_modules/.bin`. */
export function workspaceBin(name: string): string {
  return join(repoRoot, 'node_modules/.bin', name)
}

/** The parsed `package.json` of a directory. */
export async function readPackageJson(dir: string): Promise<Record<string, unknown>> {
  const text = await readFile(join(dir, 'package.json'), 'utf8')
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${dir}/package.json does not hold an object`)
  }
  return parsed as Record<string, unknown>
}
