import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { RESULT_PREFIX, type WorkerResult, type WorkerTask } from './worker-protocol.ts'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))

/** A child process that failed: its task, exit status and the end of its stderr. */
export class WorkerFailedError extends Error {
  override readonly name = 'WorkerFailedError'
}

/**
 * Runs `task` in a new Node process (the same node, `--expose-gc`) and resolves to its result.
 * The child imports the packages as users get them: `@davkit/*` resolve to their built `dist/`.
 * `worker` is `worker.ts` itself, or its JavaScript bundle (`worker-bundle.ts`).
 * Rejects after `timeoutMs` or when the child fails.
 */
export function runWorker(task: WorkerTask, timeoutMs: number, worker = WORKER): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', worker, JSON.stringify(task)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)))
    child.once('error', reject)
    child.once('close', (code, signal) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX))
      if (code === 0 && line !== undefined) {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerResult)
        return
      }
      const label = task.kind === 'fake-server' ? `fake-server ${task.mode}` : `${task.kind} ${task.contender}`
      const ending =
        signal === null ? `exit code ${String(code)}` : `signal ${signal}${signal === 'SIGTERM' ? ` (timeout ${timeoutMs} ms?)` : ''}`
      reject(new WorkerFailedError(`${label}: ${ending}\n${stderr.trim()}`))
    })
  })
}
