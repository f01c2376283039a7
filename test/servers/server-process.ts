import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { findFreePort } from './free-port.ts'
import type { RunningServer, ServerName } from './types.ts'

/** How long a server may take to answer its first OPTIONS. */
const readyTimeoutMs = 15_000
/** How long a server may take to exit after SIGTERM before it gets SIGKILL. */
const stopTimeoutMs = 5_000
/** How many fresh ports to try when another process took the one we picked. */
const portAttempts = 5
/** How much of a server's stdout/stderr and error log to quote in errors. */
const tailChars = 4_000

const live = new Set<ChildProcess>()
let exitHookInstalled = false

/** Servers must not outlive the test process, whatever way it ends. */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

/** The temporary directories of one server instance. */
export interface ServerDirs {
  /** Holds everything below; removed on stop. */
  readonly root: string
  /** The DAV root, served to clients. */
  readonly data: string
  /** Generated configuration, logs, lock databases and pid files. */
  readonly conf: string
}

/** Creates a fresh `ServerDirs` whose root other users may traverse (servers drop privileges). */
export async function makeServerDirs(name: ServerName): Promise<ServerDirs> {
  const root = await mkdtemp(join(tmpdir(), `davkit-${name}-`))
  await chmod(root, 0o755)
  const data = join(root, 'data')
  const conf = join(root, 'conf')
  await mkdir(data)
  await mkdir(conf)
  return { root, data, conf }
}

/** What a launcher decided for one attempt at one port. */
export interface LaunchPlan {
  readonly name: ServerName
  readonly command: string
  readonly args: readonly string[]
  readonly dirs: ServerDirs
  readonly url: string
  /** The file the server writes its errors to, if it has one (quoted when the start fails). */
  readonly errorLogPath?: string
  /** Headers for the readiness probe (credentials when the server requires them). */
  readonly probeHeaders?: Readonly<Record<string, string>>
  readonly env?: Readonly<Record<string, string>>
}

/** Raised when a server could not start; `addressInUse` tells the caller to try another port. */
export class ServerStartError extends Error {
  readonly addressInUse: boolean
  constructor(message: string, addressInUse: boolean) {
    super(message)
    this.name = 'ServerStartError'
    this.addressInUse = addressInUse
  }
}

function tail(text: string): string {
  return text.length > tailChars ? `...${text.slice(-tailChars)}` : text
}

async function readIfExists(path: string | undefined): Promise<string> {
  if (path === undefined) return ''
  try {
    return await readFile(path, 'utf8')
  } catch {
    return ''
  }
}

const addressInUsePattern = /address already in use|EADDRINUSE|could not bind|bind\(\) to .* failed/i

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM')
    if (!(await waitForExit(child, stopTimeoutMs))) {
      child.kill('SIGKILL')
      await waitForExit(child, stopTimeoutMs)
    }
  }
  live.delete(child)
}

/**
 * Spawns the server of `plan` in the foreground and waits, bounded, until it answers an OPTIONS
 * request on its URL. On failure the process is killed, the directories are removed and the error
 * quotes the server's output and error log.
 */
export async function launch(plan: LaunchPlan): Promise<RunningServer> {
  installExitHook()
  let output = ''
  const child = spawn(plan.command, [...plan.args], {
    cwd: plan.dirs.conf,
    env: { ...process.env, ...plan.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  const collect = (chunk: Buffer): void => {
    output = tail(output + chunk.toString('utf8'))
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  let spawnError: Error | undefined
  child.once('error', (error) => {
    spawnError = error
  })

  const fail = async (why: string): Promise<never> => {
    await kill(child)
    const log = await readIfExists(plan.errorLogPath)
    await rm(plan.dirs.root, { recursive: true, force: true })
    const details = [
      output.trim() === '' ? '' : `\n--- output ---\n${tail(output.trim())}`,
      log.trim() === '' ? '' : `\n--- error log ---\n${tail(log.trim())}`,
    ].join('')
    throw new ServerStartError(`${plan.name} did not start: ${why}${details}`, addressInUsePattern.test(output + log))
  }

  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (spawnError !== undefined) return fail(`spawn ${plan.command}: ${spawnError.message}`)
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`exited with ${child.exitCode ?? child.signalCode}`)
    }
    if (Date.now() > deadline) return fail(`no answer to OPTIONS ${plan.url} within ${readyTimeoutMs} ms`)
    try {
      const response = await fetch(plan.url, {
        method: 'OPTIONS',
        headers: { ...plan.probeHeaders },
        signal: AbortSignal.timeout(1_000),
      })
      await response.body?.cancel()
      break
    } catch {
      await sleep(50)
    }
  }

  let stopped: Promise<void> | undefined
  return {
    name: plan.name,
    url: plan.url,
    dataDir: plan.dirs.data,
    errorLog: () => readIfExists(plan.errorLogPath),
    stop: () => {
      stopped ??= (async () => {
        await kill(child)
        await rm(plan.dirs.root, { recursive: true, force: true })
      })()
      return stopped
    },
  }
}

/**
 * Runs `attempt` with a free port, and again with a new port (a few times) when the server could
 * not bind because another process took the port in the meantime.
 */
export async function withFreePort(attempt: (port: number) => Promise<RunningServer>): Promise<RunningServer> {
  let lastError: unknown
  for (let i = 0; i < portAttempts; i++) {
    const port = await findFreePort()
    try {
      return await attempt(port)
    } catch (error) {
      if (!(error instanceof ServerStartError) || !error.addressInUse) throw error
      lastError = error
    }
  }
  throw lastError
}
