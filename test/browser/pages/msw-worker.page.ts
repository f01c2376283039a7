/**
 * Test page: `@davkit/client` in the browser against `@davkit/testing` running in the page
 * through `msw/browser` (a service worker). The fake serves `<origin>/dav/`; requests the worker
 * answers never reach the page server.
 */
import { setupWorker } from 'msw/browser'
import { createDavClient, davProps, setProperty, textProperty, type DavClient } from '../../../packages/client/src/index.ts'
import { createDavServer, davHandlers } from '../../../packages/testing/src/index.ts'
import { registerScenarios, summarizeThrown, type PageValue } from '../page-protocol.ts'

const color = textProperty('urn:davkit:browser-test', 'color')
const baseUrl = `${location.origin}/dav/`
const fake = createDavServer({ basePath: '/dav/', seed: { docs: { 'a.txt': 'hello', 'b.txt': 'world!' } } })
const worker = setupWorker(...davHandlers(fake, baseUrl))

function client(options: { readonly retries?: number } = {}): DavClient {
  return createDavClient({
    baseUrl,
    timeoutMs: 10_000,
    retry: { retries: options.retries ?? 0, minDelayMs: 10, maxDelayMs: 50, jitter: false },
  })
}

async function listing(): Promise<PageValue> {
  const result = await client().propfind('docs/', {
    depth: 1,
    props: { size: davProps.getcontentlength, type: davProps.resourcetype },
  })
  return {
    status: result.status,
    resources: result.resources.map((resource) => ({
      path: resource.href.path,
      size: resource.props.size.kind === 'value' ? resource.props.size.value : resource.props.size.kind,
    })),
  }
}

async function proppatchThenRead(): Promise<PageValue> {
  const dav = client()
  const patched = await dav.proppatch('docs/a.txt', [setProperty(color, 'blue')])
  const read = await dav.propfind('docs/a.txt', { depth: 0, props: { color } })
  const first = read.resources[0]
  return {
    patch: patched.kind,
    readBack: first === undefined ? 'no resource' : first.props.color.kind === 'value' ? first.props.color.value : first.props.color.kind,
    stored: fake.read('/docs/a.txt')?.props ?? null,
  }
}

async function copyAndMove(): Promise<PageValue> {
  const dav = client()
  const copied = await dav.copy('docs/a.txt', 'docs/c.txt', { overwrite: false })
  const copiedAgain = await dav.copy('docs/a.txt', 'docs/c.txt', { overwrite: false })
  const moved = await dav.move('docs/c.txt', 'docs/d.txt')
  return { copied: copied.kind, copiedAgain: copiedAgain.kind, moved: moved.kind, snapshot: fake.snapshot('/docs') }
}

async function missing(): Promise<PageValue> {
  try {
    await client().propfind('nowhere/', { depth: 0, props: { size: davProps.getcontentlength } })
    return 'resolved'
  } catch (error) {
    return summarizeThrown(error)
  }
}

async function retriedAfter503(): Promise<PageValue> {
  fake.faults.status(503, { method: 'PROPFIND', times: 1 })
  const result = await client({ retries: 2 }).propfind('docs/', { depth: 0, props: { size: davProps.getcontentlength } })
  return { status: result.status, attempts: result.attempts }
}

async function networkError(): Promise<PageValue> {
  fake.faults.networkError({ method: 'PROPFIND', times: 1 })
  try {
    await client().propfind('docs/', { depth: 0, props: { size: davProps.getcontentlength } })
    return 'resolved'
  } catch (error) {
    return summarizeThrown(error)
  }
}

const ready = worker
  .start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true })
  .then(() => undefined)

registerScenarios(
  {
    listing,
    proppatchThenRead,
    copyAndMove,
    missing,
    retriedAfter503,
    networkError,
    journal: () => Promise.resolve(fake.journal.entries.map((entry) => `${entry.method} ${entry.path ?? entry.url}`)),
  },
  ready,
)
