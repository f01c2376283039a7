import { execFile } from 'node:child_process'

/** What a finished command printed, and how it ended. */
export interface CommandResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string
  readonly env?: NodeJS.ProcessEnv
  /** Kill the command after this many milliseconds (default 5 minutes). */
  readonly timeoutMs?: number
}

/**
 * Runs `command args...` without a shell and resolves with its exit code and output; never
 * rejects on a non-zero exit (the caller asserts on it, with the output in the message).
 * Rejects only when the command cannot be started or times out.
 */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ exitCode: 0, stdout, stderr })
          return
        }
        if (typeof error.code === 'number') {
          resolve({ exitCode: error.code, stdout, stderr })
          return
        }
        const reason = error.killed ? `timed out or was killed (${String(error.signal)})` : error.message
        reject(new Error(`${command} ${args.join(' ')} in ${options.cwd}: ${reason}\n${stdout}\n${stderr}`, { cause: error }))
      },
    )
  })
}

/** Like {@link runCommand}, but rejects with the command's output when it exits non-zero. */
export async function runChecked(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const result = await runCommand(command, args, options)
  if (result.exitCode !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) exited with ${result.exitCode}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    )
  }
  return result
}

/** A command's output, for an assertion message. */
export function describeResult(result: CommandResult): string {
  return `exit code ${result.exitCode}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`
}
