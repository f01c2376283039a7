import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

/** Debian's Chromium (apt package `chromium`); no browser is ever downloaded. */
export const chromiumExecutable: string = process.env['DAVKIT_CHROMIUM'] ?? '/usr/bin/chromium'

/** Flags for a quiet, headless, throw-away Chromium (root needs `--no-sandbox`). */
const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

function inCi(): boolean {
  const ci = process.env['CI']
  return ci !== undefined && ci !== '' && ci !== 'false'
}

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissingReason(): string | undefined {
  try {
    accessSync(chromiumExecutable, constants.X_OK)
    return undefined
  } catch {
    return `Chromium is not installed at ${chromiumExecutable}: install the apt package chromium (scripts/install-system-packages.sh)`
  }
}

/**
 * The reason to skip the browser tests, or undefined to run them. In CI (`CI` set) nothing is
 * skipped: a missing Chromium then fails the tests, with the reason.
 */
export function chromiumSkipReason(): string | undefined {
  if (inCi()) return undefined
  return chromiumMissingReason()
}

/** A running headless Chromium with a fresh profile. */
export interface RunningChromium {
  readonly context: BrowserContext
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>
}

/**
 * Launches headless Chromium through playwright-core with a fresh `--user-data-dir` (a temporary
 * directory, removed on close). Throws with the reason when Chromium is not installed.
 */
export async function launchChromium(): Promise<RunningChromium> {
  const missing = chromiumMissingReason()
  if (missing !== undefined) throw new Error(missing)
  const profile = await mkdtemp(join(tmpdir(), 'davkit-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumExecutable,
      headless: true,
      args: [...chromiumArgs],
      timeout: 60_000,
    })
    return {
      context,
      async close() {
        await context.close()
        await rm(profile, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(profile, { recursive: true, force: true })
    throw error
  }
}
