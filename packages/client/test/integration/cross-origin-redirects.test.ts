// Redirects to another origin over real sockets: a "home" server on 127.0.0.1 redirects to a
// "storage" server on another port (another origin), which records what it was sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { closeServer, listenOnLoopback } from '../support/loopback-server.ts'
import { CrossOriginError, createDavClient, davProps, type DavClientOptions } from '../../src/index.ts'

let home: Server
let storage: Server
let homeUrl = ''
let storageUrl = ''
let storageSaw: IncomingMessage['headers'][] = []
let homeSaw: IncomingMessage['headers'][] = []
/** What the storage host answers. */
let storageAnswer: (response: ServerResponse) => void

const MULTISTATUS =
  '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/x/</D:href><D:propstat><D:prop><D:getetag>"s1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>'

async function start(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<[Server, string]> {
  const server = createServer(handler)
  return [server, `http://127.0.0.1:${await listenOnLoopback(server)}/`]
}

beforeAll(async () => {
  ;[storage, storageUrl] = await start((request, response) => {
    storageSaw.push(request.headers)
    request.resume()
    storageAnswer(response)
  })
  ;[home, homeUrl] = await start((request, response) => {
    homeSaw.push(request.headers)
    request.resume()
    response.writeHead(307, { Location: `${storageUrl}x/` }).end()
  })
})
afterAll(async () => {
  for (const server of [home, storage]) {
    await closeServer(server)
  }
})
beforeEach(() => {
  storageSaw = []
  homeSaw = []
  storageAnswer = (response) => response.writeHead(207, { 'Content-Type': 'application/xml' }).end(MULTISTATUS)
})

const props = { props: { etag: davProps.getetag } } as const
const options = (extra: Partial<DavClientOptions> = {}): DavClientOptions => ({
  baseUrl: homeUrl,
  auth: { username: 'alice', password: 'secret-password' },
  headers: { 'X-Api-Key': 'KEY-123456', 'X-Client': 'davkit' },
  retry: false,
  ...extra,
})

describe('redirects to another origin', () => {
  test('are refused by default; the other host is never contacted', async () => {
    const error = await createDavClient(options())
      .propfind('', props)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CrossOriginError)
    expect(storageSaw).toEqual([])
  })

  test('with follow-without-credentials, are followed with no auth and no credential-like headers', async () => {
    const result = await createDavClient(options({ crossOriginRedirects: 'follow-without-credentials' })).propfind('', props)
    expect(result.resources[0]?.props.etag).toMatchObject({ kind: 'value' })
    expect(homeSaw[0]?.authorization).toMatch(/^Basic /)
    expect(storageSaw).toHaveLength(1)
    expect(storageSaw[0]?.authorization).toBeUndefined()
    expect(storageSaw[0]?.['x-api-key']).toBeUndefined()
    expect(storageSaw[0]?.['x-client']).toBe('davkit')
  })

  test("the other host's 401 is not answered with the credentials", async () => {
    storageAnswer = (response) => response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="storage"' }).end()
    const dav = createDavClient(options({ crossOriginRedirects: 'follow-without-credentials' }))
    const error = await dav.propfind('', props).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 401 })
    expect(storageSaw).toHaveLength(1)
    expect(storageSaw.every((h) => h.authorization === undefined)).toBe(true)
  })

  test('a request carrying a Destination (COPY, MOVE) is never followed there', async () => {
    const dav = createDavClient(options({ crossOriginRedirects: 'follow-without-credentials' }))
    const error = await dav.move('a.txt', 'b.txt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CrossOriginError)
    expect(storageSaw).toEqual([])
  })
})
