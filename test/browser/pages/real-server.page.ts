/**
 * Test page: `@davkit/client` in the browser against a real WebDAV server on another origin
 * (another port of 127.0.0.1). Every WebDAV verb and header needs a CORS preflight there, and
 * `ETag`, `DAV` and `Lock-Token` must be exposed for the page to read them. Each scenario takes
 * `{ baseUrl }`, the server's DAV root.
 */
import { createDavClient, davProps, setProperty, textProperty, type DavClient } from '../../../packages/client/src/index.ts'
import { registerScenarios, summarizeThrown, type PageValue } from '../page-protocol.ts'

const color = textProperty('urn:davkit:browser-test', 'color')

function baseUrlOf(argument: PageValue): string {
  if (typeof argument === 'object' && argument !== null && !Array.isArray(argument) && 'baseUrl' in argument) {
    const { baseUrl } = argument as { readonly baseUrl: PageValue }
    if (typeof baseUrl === 'string') return baseUrl
  }
  throw new TypeError('the scenario needs { baseUrl }')
}

function client(baseUrl: string, retries = 0): DavClient {
  return createDavClient({ baseUrl, timeoutMs: 10_000, retry: { retries, minDelayMs: 50, maxDelayMs: 200 } })
}

async function listing(argument: PageValue): Promise<PageValue> {
  const result = await client(baseUrlOf(argument)).propfind('', {
    depth: 1,
    props: { size: davProps.getcontentlength, etag: davProps.getetag },
  })
  return {
    status: result.status,
    resources: result.resources.map((resource) => ({
      path: resource.href.path,
      size: resource.props.size.kind === 'value' ? resource.props.size.value : resource.props.size.kind,
      etag: resource.props.etag.kind,
    })),
  }
}

async function proppatchThenRead(argument: PageValue): Promise<PageValue> {
  const dav = client(baseUrlOf(argument))
  const patched = await dav.proppatch('a.txt', [setProperty(color, 'blue')])
  const read = await dav.propfind('a.txt', { depth: 0, props: { color } })
  const first = read.resources[0]
  return {
    patch: patched.kind,
    readBack: first === undefined ? 'no resource' : first.props.color.kind === 'value' ? first.props.color.value : first.props.color.kind,
  }
}

async function copyAndMove(argument: PageValue): Promise<PageValue> {
  const dav = client(baseUrlOf(argument))
  const copied = await dav.copy('a.txt', 'copy.txt', { overwrite: false })
  const copiedAgain = await dav.copy('a.txt', 'copy.txt', { overwrite: false })
  const moved = await dav.move('copy.txt', 'moved.txt')
  const after = await dav.propfind('', { depth: 1, props: { size: davProps.getcontentlength } })
  return {
    copied: copied.kind,
    copiedAgain: copiedAgain.kind,
    moved: moved.kind,
    paths: after.resources.map((resource) => resource.href.path),
  }
}

const lockBody =
  '<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>' +
  '<D:locktype><D:write/></D:locktype><D:owner>browser test</D:owner></D:lockinfo>'

/**
 * LOCK, PUT with and without `If`, UNLOCK, with the page's own fetch (the client has no LOCK
 * method): shows the preflight lets `Timeout`, `Depth`, `If` and `Lock-Token` through and that
 * `Lock-Token`, `ETag` and `DAV` are readable.
 */
async function lockHeaders(argument: PageValue): Promise<PageValue> {
  const url = new URL('b.txt', baseUrlOf(argument)).href
  const lock = await fetch(url, {
    method: 'LOCK',
    headers: { Depth: '0', Timeout: 'Second-60', 'Content-Type': 'application/xml; charset=utf-8' },
    body: lockBody,
  })
  await lock.text()
  const token = lock.headers.get('Lock-Token')
  const putWithout = await fetch(url, { method: 'PUT', body: 'not locked by me' })
  const putWithIf = await fetch(url, { method: 'PUT', headers: { If: `(${token ?? ''})` }, body: 'locked by me' })
  const unlock = await fetch(url, { method: 'UNLOCK', headers: { 'Lock-Token': token ?? '' } })
  const get = await fetch(url)
  const options = await fetch(url, { method: 'OPTIONS' })
  return {
    lock: lock.status,
    lockToken: token === null ? null : /^<[^>]+>$/.test(token) ? 'a coded URL' : token,
    putWithout: putWithout.status,
    putWithIf: putWithIf.status,
    unlock: unlock.status,
    content: await get.text(),
    etag: get.headers.get('ETag') === null ? null : 'readable',
    dav: options.headers.get('DAV'),
  }
}

/** A PROPFIND to a server that answers no CORS: how the client fails, and how fast. */
async function withoutCors(argument: PageValue): Promise<PageValue> {
  const started = performance.now()
  try {
    await client(baseUrlOf(argument), 2).propfind('', { depth: 0, props: { size: davProps.getcontentlength } })
    return { outcome: 'resolved', elapsedMs: Math.round(performance.now() - started) }
  } catch (error) {
    return { outcome: 'rejected', elapsedMs: Math.round(performance.now() - started), error: summarizeThrown(error) }
  }
}

registerScenarios({ listing, proppatchThenRead, copyAndMove, lockHeaders, withoutCors }, Promise.resolve())
