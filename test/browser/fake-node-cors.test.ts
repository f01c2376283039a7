/**
 * `@davkit/client` in headless Chromium against `@davkit/testing`'s Node adapter on another
 * origin of 127.0.0.1 (`listen(server, { cors: true })`), the way a consumer's browser tests can
 * use the fake; and against the adapter without CORS. Skipped with the reason when Chromium is
 * absent, unless CI is set.
 */
import { createDavServer } from '../../packages/testing/src/index.ts'
import { listen } from '../../packages/testing/src/node/index.ts'
import { chromiumSkipReason } from './chromium.ts'
import { describeCrossOriginServer } from './cross-origin-suite.ts'

const skip = chromiumSkipReason()
if (skip !== undefined) console.warn(`browser tests against the fake's Node adapter skipped: ${skip}`)

describeCrossOriginServer("the client in Chromium against the fake server's Node adapter on another origin", skip, async () => {
  const withCors = await listen(createDavServer(), { cors: true })
  try {
    const withoutCors = await listen(createDavServer())
    return {
      withCors: { url: withCors.url, stop: () => withCors.close() },
      withoutCors: { url: withoutCors.url, stop: () => withoutCors.close() },
    }
  } catch (error) {
    await withCors.close()
    throw error
  }
})
