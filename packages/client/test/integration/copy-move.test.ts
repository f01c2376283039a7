import { HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { CrossOriginError, HttpStatusError, assertAllOk, createDavClient } from '../../src/index.ts'
import {
  BASE,
  ORIGIN,
  corpus,
  corpusAvailable,
  corpusSkipNote,
  handle,
  multistatus,
  useMswServer,
  type SeenRequest,
} from './msw-support.ts'

const server = useMswServer()
const dav = () => createDavClient({ baseUrl: BASE, auth: { token: 'tok-123456' }, retry: false })

describe('copy and move', () => {
  test('Destination is an absolute URL on the same origin, encoded once; Overwrite and Depth are sent', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('COPY', `${BASE}a%20%231.txt`, () => new HttpResponse(null, { status: 201 }), seen))
    const result = await dav().copy('a #1.txt', 'copies/é ?.txt', { overwrite: false, depth: 0 })
    expect(result).toEqual({ kind: 'created', status: 201, attempts: 1 })
    expect(seen[0]?.headers.get('destination')).toBe(`${BASE}copies/%C3%A9%20%3F.txt`)
    expect(seen[0]?.headers.get('overwrite')).toBe('F')
    expect(seen[0]?.headers.get('depth')).toBe('0')
  })

  test.each([
    [201, 'created'],
    [204, 'replaced'],
    [412, 'precondition-failed'],
    [409, 'conflict'],
    [423, 'locked'],
    [403, 'forbidden'],
    [507, 'insufficient-storage'],
  ] as const)('MOVE answered %i is %s', async (status, kind) => {
    const seen: SeenRequest[] = []
    server.use(handle('MOVE', `${BASE}a`, () => new HttpResponse(null, { status }), seen))
    const result = await dav().move('a', 'b', { overwrite: true })
    expect(result.kind).toBe(kind)
    expect(result.status).toBe(status)
    expect(seen[0]?.headers.get('overwrite')).toBe('T')
    expect(seen[0]?.headers.has('depth')).toBe(false)
  })

  test('a 423 with a DAV:error names the lock', async () => {
    server.use(
      handle(
        'MOVE',
        `${BASE}a`,
        () =>
          new HttpResponse(
            '<D:error xmlns:D="DAV:"><D:lock-token-submitted><D:href>/remote.php/dav/files/alice/a</D:href></D:lock-token-submitted></D:error>',
            { status: 423, headers: { 'Content-Type': 'application/xml' } },
          ),
      ),
    )
    const result = await dav().move('a', 'b')
    expect(result.kind).toBe('locked')
    if (result.kind === 'locked') expect(result.error?.conditions[0]?.hrefs).toEqual(['/remote.php/dav/files/alice/a'])
  })

  test('a 207 lists every failed member with its status and DAV:error', async () => {
    server.use(
      handle('COPY', `${BASE}dir/`, () =>
        multistatus(`<D:multistatus xmlns:D="DAV:">
      <D:response><D:href>/remote.php/dav/files/alice/dir2/locked.txt</D:href><D:href>/remote.php/dav/files/alice/dir2/also.txt</D:href>
       <D:status>HTTP/1.1 423 Locked</D:status><D:error><D:lock-token-submitted><D:href>/remote.php/dav/files/alice/dir2/</D:href></D:lock-token-submitted></D:error></D:response>
      <D:response><D:href>/remote.php/dav/files/alice/dir2/big.bin</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>
      </D:multistatus>`),
      ),
    )
    const result = await dav().copy('dir/', 'dir2/')
    expect(result.kind).toBe('partial')
    if (result.kind !== 'partial') return
    expect(result.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
      ['/remote.php/dav/files/alice/dir2/locked.txt', 423],
      ['/remote.php/dav/files/alice/dir2/also.txt', 423],
      ['/remote.php/dav/files/alice/dir2/big.bin', 507],
    ])
    expect(result.failures[0]?.error?.conditions[0]?.name.local).toBe('lock-token-submitted')
    expect(() => assertAllOk(result)).toThrow(/3 failure/)
  })

  test('a multistatus body with a non-207 status (as Apache sends) is a partial failure too', async () => {
    server.use(
      handle('MOVE', `${BASE}dir/`, () =>
        multistatus(
          `<D:multistatus xmlns:D="DAV:"><D:response>
      <D:href>/remote.php/dav/files/alice/dir/member.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>`,
          423,
        ),
      ),
    )
    const result = await dav().move('dir/', 'moved/')
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') {
      expect(result.status).toBe(423)
      expect(result.failures).toHaveLength(1)
    }
  })

  test('a Destination on another origin is refused before sending, unless allowed; auth never goes there', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('COPY', `${BASE}a`, () => new HttpResponse(null, { status: 201 }), seen))
    const error = await dav()
      .copy('a', new URL('https://other.example/b'))
      .catch((e) => e)
    expect(error).toBeInstanceOf(CrossOriginError)
    expect(error.kind).toBe('destination')
    expect(seen).toHaveLength(0)
    const allowed = await dav().copy('a', new URL('https://other.example/b'), { allowCrossOrigin: true })
    expect(allowed.kind).toBe('created')
    expect(seen[0]?.url.startsWith(ORIGIN)).toBe(true)
    expect(seen[0]?.headers.get('destination')).toBe('https://other.example/b')
  })

  test('a source on another origin is refused: credentials stay on the base origin', async () => {
    const error = await dav()
      .move(new URL('https://other.example/a'), 'b')
      .catch((e) => e)
    expect(error).toBeInstanceOf(CrossOriginError)
    expect(error.kind).toBe('request')
    expect(JSON.stringify(error.request)).not.toContain('tok-123456')
  })

  test('a 404 source is an HttpStatusError', async () => {
    server.use(handle('COPY', `${BASE}missing`, () => new HttpResponse(null, { status: 404 })))
    const error = await dav()
      .copy('missing', 'b')
      .catch((e) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.status).toBe(404)
  })

  test.runIf(corpusAvailable)(`NWebDav: MOVE of a missing source as a 207 with a 404${corpusSkipNote}`, async () => {
    server.use(handle('MOVE', `${BASE}bbb`, () => multistatus(corpus('nwebdav--move-207-source-404.xml'))))
    const result = await dav().move('bbb', 'ccc')
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') expect(result.failures[0]?.status).toMatchObject({ code: 404 })
  })
})
