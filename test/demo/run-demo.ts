import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The demo's entry point. */
export const DEMO_SCRIPT: string = fileURLToPath(new URL('../../scripts/demo.ts', import.meta.url))

/** What a run of the demo printed, and how it ended. */
export interface DemoRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `pnpm demo`'s script as a child process with the toolchain's node (`process.execPath`),
 * the workspace's source condition, and `env` on top of a copy of this process's environment
 * from which every `DAV_*` variable has been removed.
 */
export function runDemo(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<DemoRun> {
  const base: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('DAV_')) base[name] = value
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@davkit/source', DEMO_SCRIPT], {
      env: { ...base, NO_COLOR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The cells of a table row: the line split on runs of two or more spaces. */
export function cellsOf(line: string | undefined): string[] {
  return line === undefined ? [] : line.trim().split(/ {2,}/)
}

/** The cells of the first table row whose leading cells are `leading`, or `[]`. */
export function rowStarting(output: string, ...leading: string[]): string[] {
  for (const line of output.split('\n')) {
    const cells = cellsOf(line)
    if (leading.every((cell, index) => cells[index] === cell)) return cells
  }
  return []
}
