import { HttpResponse, delay } from 'msw'
import { describe, expect, test } from 'vitest'
import {
  HttpStatusError,
  InvalidRequestError,
  NotAllOkError,
  RequestTimeoutError,
  UndecodableResponseError,
  assertAllOk,
  createDavClient,
  davProps,
  setProperty,
  unwrapProperty,
} from '../../src/index.ts'
import { BASE, handle, multistatus, useMswServer, type SeenRequest } from './msw-support.ts'

const server = useMswServer()
const fast = { minDelayMs: 1, maxDelayMs: 5, jitter: false } as const

describe('edge cases', () => {
  test('a retried COPY with Overwrite F whose first attempt timed out, then 412, is uncertain', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'COPY',
        `${BASE}a`,
        async (_, n) => {
          if (n === 1) await delay(300)
          return new HttpResponse(null, { status: n === 1 ? 201 : 412 })
        },
        seen,
      ),
    )
    const dav = createDavClient({ baseUrl: BASE, timeoutMs: 80, retry: { retries: 2, ...fast } })
    const result = await dav.copy('a', 'b', { overwrite: false })
    expect(result.kind).toBe('uncertain')
    if (result.kind === 'uncertain') expect(result.earlierFailures[0]).toBeInstanceOf(RequestTimeoutError)
    expect(seen).toHaveLength(2)
  })

  test('a retry after a 503 (not carried out by the server) that sees 412 is a plain precondition failure', async () => {
    server.use(handle('COPY', `${BASE}a`, (_, n) => new HttpResponse(null, { status: n === 1 ? 503 : 412 })))
    const dav = createDavClient({ baseUrl: BASE, retry: { retries: 2, ...fast } })
    const result = await dav.copy('a', 'b', { overwrite: false })
    expect(result).toMatchObject({ kind: 'precondition-failed', attempts: 2 })
  })

  test('credentials echoed by a server never reach an error', async () => {
    server.use(
      handle(
        'PROPFIND',
        BASE,
        (r) =>
          new HttpResponse(`<html>you sent ${r.headers.get('authorization')}</html>`, {
            status: 500,
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    )
    const dav = createDavClient({ baseUrl: BASE, auth: { token: 'very-secret-token' }, retry: false })
    const error = await dav.propfind('', { props: { e: davProps.getetag } }).catch((e) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    const everything = JSON.stringify({ message: error.message, request: error.request, response: error.response })
    expect(everything).not.toContain('very-secret-token')
    expect(error.response.bodyExcerpt).toContain('[REDACTED]')
  })

  test('a 207 whose response is href+status for the target applies that status to every instruction', async () => {
    server.use(
      handle('PROPPATCH', `${BASE}a`, () =>
        multistatus(`<D:multistatus xmlns:D="DAV:"><D:response>
      <D:href>/remote.php/dav/files/alice/a</D:href><D:status>HTTP/1.1 403 Forbidden</D:status></D:response></D:multistatus>`),
      ),
    )
    const dav = createDavClient({ baseUrl: BASE, retry: false })
    const result = await dav.proppatch('a', [setProperty(davProps.displayname, 'x')])
    expect(result.kind).toBe('rejected')
    if (result.kind === 'rejected') expect(result.failed[0]?.status.code).toBe(403)
  })

  test('assertAllOk on a listing with a 404 status entry lists it; unwrapProperty explains a missing value', async () => {
    server.use(
      handle('PROPFIND', BASE, () =>
        multistatus(`<D:multistatus xmlns:D="DAV:">
      <D:response><D:href>/remote.php/dav/files/alice/</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop>
      <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
      <D:response><D:href>/remote.php/dav/files/alice/gone</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
      </D:multistatus>`),
      ),
    )
    const dav = createDavClient({ baseUrl: BASE, retry: false })
    const result = await dav.propfind('', { depth: 1, props: { etag: davProps.getetag, size: davProps.getcontentlength } })
    const error = (() => {
      try {
        assertAllOk(result)
      } catch (e) {
        return e as NotAllOkError
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(NotAllOkError)
    expect(error?.problems).toEqual([
      '/remote.php/dav/files/alice/: {DAV:}getcontentlength: not reported',
      '/remote.php/dav/files/alice/gone: 404 Not Found',
    ])
    expect(unwrapProperty(result.resources[0]!.props.etag).value).toBe('1')
    expect(() => unwrapProperty(result.resources[0]!.props.size)).toThrow(/not reported/)
  })

  test('too many same-origin redirects end with the last redirect as an HttpStatusError', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPFIND',
        `${BASE}loop`,
        (_, n) => new HttpResponse(null, { status: 302, headers: { Location: `${BASE}loop?hop=${n}` } }),
        seen,
      ),
    )
    const dav = createDavClient({ baseUrl: BASE, retry: false, maxRedirects: 3 })
    const error = await dav.propfind('loop', { props: { e: davProps.getetag } }).catch((e) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.status).toBe(302)
    expect(seen.length).toBe(4)
  })

  test('bad arguments are InvalidRequestError and send nothing', async () => {
    const dav = createDavClient({ baseUrl: BASE, retry: false })
    await expect(dav.propfind('a/../b', { props: { e: davProps.getetag } })).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.propfind('', { props: {} })).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.proppatch('', [])).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.proppatch('', [setProperty({ namespace: 'urn:x', local: 'bad name' }, 'v')])).rejects.toBeInstanceOf(
      InvalidRequestError,
    )
    expect(() => createDavClient({ baseUrl: 'ftp://x/' })).toThrow(InvalidRequestError)
    expect(() => createDavClient({ baseUrl: BASE, retry: { retries: -1 } })).toThrow(InvalidRequestError)
  })

  test('a multistatus with a DAV:error root under 207 is undecodable with its conditions', async () => {
    server.use(handle('PROPFIND', BASE, () => multistatus('<D:error xmlns:D="DAV:"><D:no-external-entities/></D:error>')))
    const error = await createDavClient({ baseUrl: BASE, retry: false })
      .propfind('', { propname: true })
      .catch((e) => e)
    expect(error).toBeInstanceOf(UndecodableResponseError)
    expect(error.failure.code).toBe('dav-error')
  })
})
