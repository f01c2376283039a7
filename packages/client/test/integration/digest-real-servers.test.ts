// Digest against real servers on 127.0.0.1: Apache mod_auth_digest (MD5) and lighttpd mod_auth
// (MD5, SHA-256, userhash). Skipped, saying why, when a server is not installed, except in CI.
import { afterEach, describe, expect, test } from 'vitest'
import { skipReason, startApache, startLighttpd, type DigestAuth, type RunningServer } from '../../../../test/servers/index.ts'
import { HttpStatusError, createDavClient, davProps } from '../../src/index.ts'

const credentials = { username: 'alice', password: 'correct horse battery staple' }
const props = { props: { etag: davProps.getetag } } as const
let server: RunningServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

/** Every Authorization scheme and algorithm a client sent, read from the answers it got. */
async function exercise(url: string): Promise<void> {
  const dav = createDavClient({ baseUrl: url, auth: credentials, retry: false })
  // Enough requests for the nonce count to pass 9 (a decimal count breaks at the tenth).
  for (let i = 1; i <= 12; i++) {
    const response = await dav.pipeline.send({
      method: 'PUT',
      url: new URL(`f${i}.txt`, url),
      body: `file ${i}`,
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.status).toBe(201)
  }
  const listing = await dav.propfind('', { ...props, depth: 1 })
  expect(listing.resources.length).toBe(13)
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('streamed once'))
      controller.close()
    },
  })
  const streamed = await createDavClient({ baseUrl: url, auth: credentials, retry: false }).pipeline.send({
    method: 'PUT',
    url: new URL('s.txt', url),
    body: stream,
  })
  expect(streamed.status).toBe(201)
  const wrong = await createDavClient({ baseUrl: url, auth: { ...credentials, password: 'wrong' }, retry: false })
    .propfind('', props)
    .catch((e: unknown) => e)
  expect(wrong).toBeInstanceOf(HttpStatusError)
  expect((wrong as HttpStatusError).status).toBe(401)
}

const cases: { server: 'apache' | 'lighttpd'; digest: Omit<DigestAuth, 'username' | 'password'> }[] = [
  { server: 'apache', digest: {} },
  { server: 'lighttpd', digest: { algorithm: 'MD5' } },
  { server: 'lighttpd', digest: { algorithm: 'SHA-256' } },
  { server: 'lighttpd', digest: { algorithm: 'SHA-256', userhash: true } },
]

describe('Digest against real servers', () => {
  for (const { server: name, digest } of cases) {
    const reason = skipReason(name)
    const label = `${name} ${digest.algorithm ?? 'MD5'}${digest.userhash === true ? ' userhash' : ''}`
    test.skipIf(reason !== undefined)(`${label}${reason === undefined ? '' : ` (skipped: ${reason})`}`, async () => {
      const start = name === 'apache' ? startApache : startLighttpd
      server = await start({ digestAuth: { ...credentials, ...digest } })
      await exercise(server.url)
    })
  }
})
