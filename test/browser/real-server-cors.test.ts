/**
 * `@davkit/client` in headless Chromium against Apache httpd (mod_dav) on another origin of
 * 127.0.0.1, with CORS configured for WebDAV (`startApache({ cors: true })`); and against one
 * without CORS, where the client must fail fast with a clear error. Skipped with the reason when
 * Chromium or Apache is absent, unless CI is set.
 */
import { startApache } from '../servers/apache.ts'
import { skipReason } from '../servers/availability.ts'
import { chromiumSkipReason } from './chromium.ts'
import { describeCrossOriginServer } from './cross-origin-suite.ts'

const skip = chromiumSkipReason() ?? skipReason('apache')
if (skip !== undefined) console.warn(`browser tests against Apache skipped: ${skip}`)

describeCrossOriginServer('the client in Chromium against Apache on another origin', skip, async () => {
  const withCors = await startApache({ cors: true })
  try {
    return { withCors, withoutCors: await startApache() }
  } catch (error) {
    await withCors.stop()
    throw error
  }
})
