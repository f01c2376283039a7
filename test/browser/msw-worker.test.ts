/**
 * `@davkit/client` in headless Chromium against `@davkit/testing` served by msw's service worker
 * in the same page. Skipped with the reason when Chromium is absent, unless CI is set.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { chromiumSkipReason } from './chromium.ts'
import { useTestPage } from './test-page.ts'

const skip = chromiumSkipReason()
if (skip !== undefined) console.warn(`browser tests skipped: ${skip}`)

/** A scenario takes well under a second; a busy machine gets slack. */
const pageTimeoutMs = 60_000

const entry = fileURLToPath(new URL('./pages/msw-worker.page.ts', import.meta.url))

describe.skipIf(skip !== undefined)(
  `the client in Chromium against the fake server in an msw service worker${skip === undefined ? '' : ` (skipped: ${skip})`}`,
  () => {
    const open = useTestPage(entry)

    test(
      'PROPFIND Depth 1 lists the seeded collection with typed sizes',
      async () => {
        expect(await open().run('listing')).toEqual({
          status: 207,
          resources: [
            { path: '/dav/docs/', size: 'failed' },
            { path: '/dav/docs/a.txt', size: 5 },
            { path: '/dav/docs/b.txt', size: 6 },
          ],
        })
      },
      pageTimeoutMs,
    )

    test(
      'PROPPATCH sets a dead property that PROPFIND reads back',
      async () => {
        expect(await open().run('proppatchThenRead')).toEqual({
          patch: 'applied',
          readBack: 'blue',
          stored: { '{urn:davkit:browser-test}color': 'blue' },
        })
      },
      pageTimeoutMs,
    )

    test(
      'COPY with Overwrite: F, then MOVE',
      async () => {
        expect(await open().run('copyAndMove')).toMatchObject({
          copied: 'created',
          copiedAgain: 'precondition-failed',
          moved: 'created',
          snapshot: { 'a.txt': 'hello', 'b.txt': 'world!', 'd.txt': 'hello' },
        })
      },
      pageTimeoutMs,
    )

    test(
      'a missing collection is an HttpStatusError with status 404',
      async () => {
        expect(await open().run('missing')).toMatchObject({ name: 'HttpStatusError', code: 'http-status' })
      },
      pageTimeoutMs,
    )

    test(
      'a 503 is retried and the second attempt answers',
      async () => {
        expect(await open().run('retriedAfter503')).toEqual({ status: 207, attempts: 2 })
      },
      pageTimeoutMs,
    )

    test(
      'a network failure is a TransportError',
      async () => {
        expect(await open().run('networkError')).toMatchObject({ name: 'TransportError', code: 'transport' })
      },
      pageTimeoutMs,
    )

    test(
      'the worker answered every /dav/ request: none reached the network',
      async () => {
        const page = open()
        const journal = await page.run('journal')
        expect(Array.isArray(journal) ? journal.length : 0).toBeGreaterThanOrEqual(8)
        expect(page.server.requests.filter((request) => request.path.startsWith('/dav'))).toEqual([])
        expect(page.problems.filter((problem) => problem.startsWith('uncaught'))).toEqual([])
      },
      pageTimeoutMs,
    )
  },
)
