import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium, type RunningChromium } from './chromium.ts'
import { bundlePage } from './bundle-page.ts'
import type { PageGlobals, PageValue } from './page-protocol.ts'
import { startPageServer, type PageServer } from './page-server.ts'

/** A test page open in Chromium, served from 127.0.0.1. */
export interface TestPage {
  readonly page: Page
  readonly server: PageServer
  /** Console errors and uncaught exceptions of the page so far (for assertion messages). */
  readonly problems: readonly string[]
  /** Runs one of the page's scenarios and returns its result. */
  run(scenario: string, argument?: PageValue): Promise<PageValue>
  close(): Promise<void>
}

/** msw's service worker script, from the installed msw package (served at the page origin's root). */
export async function mockServiceWorkerScript(): Promise<string> {
  const require = createRequire(import.meta.url)
  return readFile(require.resolve('msw/mockServiceWorker.js'), 'utf8')
}

const pageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>davkit browser test</title></head>
<body><script type="module" src="/page.js"></script></body></html>
`

/**
 * Bundles the page script `entry`, serves it (with msw's `mockServiceWorker.js` at the root) on
 * 127.0.0.1, opens it in a new tab and waits until the page says it is ready.
 */
export async function openTestPage(browser: RunningChromium, entry: string): Promise<TestPage> {
  const [script, worker] = await Promise.all([bundlePage(entry), mockServiceWorkerScript()])
  const server = await startPageServer({
    '/': { contentType: 'text/html; charset=utf-8', body: pageHtml },
    '/page.js': { contentType: 'text/javascript; charset=utf-8', body: script },
    '/mockServiceWorker.js': { contentType: 'text/javascript; charset=utf-8', body: worker },
  })
  const page = await browser.context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.name}: ${error.message}`))
  try {
    await page.goto(`${server.origin}/`)
    await page.waitForFunction(() => 'davkitReady' in globalThis, undefined, { timeout: 15_000 })
    await page.evaluate(() => (globalThis as unknown as PageGlobals).davkitReady)
  } catch (error) {
    await page.close()
    await server.close()
    throw new Error(`the test page ${entry} did not get ready: ${String(error)}\n${problems.join('\n')}`, { cause: error })
  }
  return {
    page,
    server,
    problems,
    async run(scenario, argument = null) {
      const json = await page.evaluate(
        async ([name, argumentJson]) => {
          const scenarios = (globalThis as unknown as PageGlobals).davkitScenarios
          const run = scenarios[name]
          if (run === undefined) throw new Error(`the page has no scenario ${name}`)
          return JSON.stringify(await run(JSON.parse(argumentJson) as PageValue))
        },
        [scenario, JSON.stringify(argument)] as const,
      )
      return JSON.parse(json) as PageValue
    },
    async close() {
      await page.close()
      await server.close()
    },
  }
}

/** What a suite does around its page: before Chromium starts (servers), and after it closed. */
export interface TestPageHooks {
  readonly prepare?: () => Promise<void>
  readonly cleanUp?: () => Promise<void>
}

/**
 * Opens `entry` in Chromium before the enclosing `describe`'s tests (after `prepare`) and closes it
 * after them (then `cleanUp`). The function returned gives the page, or throws why the setup failed,
 * so that every test then fails with that error rather than being skipped.
 */
export function useTestPage(entry: string, hooks: TestPageHooks = {}): () => TestPage {
  let browser: RunningChromium | undefined
  let testPage: TestPage | undefined
  let setupError: unknown
  beforeAll(async () => {
    try {
      await hooks.prepare?.()
      browser = await launchChromium()
      testPage = await openTestPage(browser, entry)
    } catch (error) {
      setupError = error
    }
  }, 120_000)
  afterAll(async () => {
    await testPage?.close()
    await browser?.close()
    await hooks.cleanUp?.()
  })
  return () => {
    if (setupError !== undefined) throw setupError
    if (testPage === undefined) throw new Error('the test page did not open (see beforeAll)')
    return testPage
  }
}
