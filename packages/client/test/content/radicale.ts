// A Radicale (CalDAV/CardDAV, from apt) instance on loopback for the sync-collection live tests.
// Radicale speaks RFC 6578 sync-collection on address books and calendars, which mod_dav does not.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { findFreePort } from '../../../../test/servers/free-port.ts'

/** Why Radicale cannot run here, or `undefined` when it can. */
export function radicaleMissing(): string | undefined {
  // In CI the suite must run against it: a missing Radicale fails there instead of skipping.
  if (process.env['CI'] !== undefined) return undefined
  const probe = spawnSync('radicale', ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) return 'radicale is not installed (apt package radicale)'
  return undefined
}

/** A running Radicale: its base URL and a way to stop it. */
export interface RunningRadicale {
  readonly url: string
  stop(): Promise<void>
}

/** Starts Radicale on 127.0.0.1 with a fresh storage folder, no authentication, and waits until it answers. */
export async function startRadicale(): Promise<RunningRadicale> {
  const root = await mkdtemp(join(tmpdir(), 'davkit-radicale-'))
  const port = await findFreePort()
  const child: ChildProcess = spawn(
    'radicale',
    [
      '--server-hosts',
      `127.0.0.1:${port}`,
      '--storage-filesystem-folder',
      join(root, 'collections'),
      '--auth-type',
      'none',
      '--rights-type',
      'authenticated',
      '--logging-level',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const killOnExit = (): void => {
    child.kill('SIGKILL')
  }
  process.once('exit', killOnExit)
  const url = `http://127.0.0.1:${port}/`
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit)
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await Promise.race([exited, sleep(5_000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    await rm(root, { recursive: true, force: true })
  }
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const response = await fetch(url, { method: 'OPTIONS' })
      if (response.ok) return { url, stop }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  await stop()
  throw new Error(`radicale did not start on ${url}: ${stderr.slice(-2000)}`)
}
