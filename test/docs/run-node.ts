import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository's root directory. */
export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url))

/** How a child Node process ended, and what it printed. */
export interface NodeRun {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Options of {@link runNode}. */
export interface RunNodeOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Kill the process after this many milliseconds (default 90 s). */
  readonly timeoutMs?: number
}

/**
 * Runs the current Node binary (`process.execPath`) with `args`, without a shell. Resolves with
 * the exit code and output whatever the exit code; rejects only when the process cannot start or
 * is killed (time-out), with its output in the message.
 */
export function runNode(args: readonly string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  const cwd = options.cwd ?? repoRoot
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...args],
      { cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 90_000, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) resolve({ exitCode: 0, stdout, stderr })
        else if (typeof error.code === 'number') resolve({ exitCode: error.code, stdout, stderr })
        else {
          const why = error.killed ? `was killed (${String(error.signal)}), probably on time-out` : error.message
          reject(new Error(`node ${args.join(' ')} ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`, { cause: error }))
        }
      },
    )
  })
}

/** A run's exit code and output, for an assertion message. */
export function describeRun(run: NodeRun): string {
  return `exit code ${run.exitCode}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`
}
