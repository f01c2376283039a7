import { access, constants, mkdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { runChecked } from './run-command.ts'

/** A Node.js binary and its major version. */
export interface NodeBinary {
  readonly major: number
  readonly path: string
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

async function majorOf(path: string): Promise<number> {
  const result = await runChecked(path, ['-p', 'process.versions.node'], { cwd: homedir(), timeoutMs: 30_000 })
  return Number(result.stdout.trim().split('.')[0])
}

/**
 * A Node.js of the given major version: the running one when it matches, else one installed from
 * the npm registry's `node@<major>` package into a private prefix (`~/.cache/davkit/node<major>`,
 * or `$DAVKIT_NODE_CACHE/node<major>`), never over the system's node. Installs at most once.
 */
export async function nodeBinary(major: number): Promise<NodeBinary> {
  if (Number(process.versions.node.split('.')[0]) === major) return { major, path: process.execPath }
  const prefix = join(process.env['DAVKIT_NODE_CACHE'] ?? join(homedir(), '.cache/davkit'), `node${major}`)
  const path = join(prefix, 'node_modules/.bin/node')
  if (!(await isExecutable(path))) {
    await mkdir(prefix, { recursive: true })
    await runChecked('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefix', prefix, `node@${major}`], {
      cwd: prefix,
      timeoutMs: 300_000,
    })
  }
  const actual = await majorOf(path)
  if (actual !== major) throw new Error(`${path} is Node ${actual}, not ${major}`)
  return { major, path }
}
