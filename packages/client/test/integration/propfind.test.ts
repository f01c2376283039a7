import { HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import {
  DepthRefusedError,
  HttpStatusError,
  UndecodableResponseError,
  createDavClient,
  davProps,
  defineProperty,
  textOf,
} from '../../src/index.ts'
import { BASE, corpus, corpusAvailable, corpusSkipNote, handle, multistatus, useMswServer, type SeenRequest } from './msw-support.ts'

const server = useMswServer()
const dav = () => createDavClient({ baseUrl: BASE, auth: { username: 'alice', password: 'secret' }, retry: false })

const ocSize = defineProperty({
  namespace: 'http://owncloud.org/ns',
  local: 'size',
  decode: (e) => {
    const n = Number(textOf(e))
    return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, problem: 'not an integer' }
  },
})
const ncSize = defineProperty({ namespace: 'http://nextcloud.org/ns', local: 'size', decode: (e) => ({ ok: true, value: textOf(e) }) })

const MIXED = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/alice/Documents/</d:href>
  <d:propstat><d:prop><d:getcontentlength/><nc:size/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><oc:size>2048</oc:size>
   <d:getlastmodified>Fri, 23 Nov 2018 09:43:58 GMT</d:getlastmodified></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Documents/My%20file%20%231%3F%25%C3%A9.txt</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>100</d:getcontentlength><oc:size>100</oc:size><nc:size>one hundred</nc:size>
   <d:getlastmodified>not a date</d:getlastmodified></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>`

describe('propfind', () => {
  test('mixed 200/404 propstats across namespaces decode per property, 404 listed first', async () => {
    const seen: SeenRequest[] = []
    server.use(handle('PROPFIND', `${BASE}Documents/`, () => multistatus(MIXED), seen))
    const listing = await dav().propfind('Documents/', {
      depth: 1,
      props: {
        size: davProps.getcontentlength,
        modified: davProps.getlastmodified,
        type: davProps.resourcetype,
        ocSize,
        ncSize,
      },
    })
    expect(seen[0]?.headers.get('depth')).toBe('1')
    expect(seen[0]?.body).toContain('<D:getcontentlength/>')
    expect(seen[0]?.body).toMatch(/xmlns:ns\d="http:\/\/owncloud.org\/ns"/)
    expect(listing.status).toBe(207)
    expect(listing.resources).toHaveLength(2)
    const folder = listing.resources[0]!
    const file = listing.resources[1]!

    expect(folder.props.size.kind).toBe('failed')
    if (folder.props.size.kind === 'failed') expect(folder.props.size.status.code).toBe(404)
    expect(folder.props.ncSize.kind).toBe('failed')
    expect(folder.props.ocSize).toMatchObject({ kind: 'value', value: 2048 })
    expect(folder.props.type).toMatchObject({ kind: 'value', value: { collection: true } })
    expect(folder.props.modified.kind).toBe('value')

    expect(file.href.path).toBe('/remote.php/dav/files/alice/Documents/My file #1?%é.txt')
    expect(file.props.size).toMatchObject({ kind: 'value', value: 100 })
    expect(file.props.ocSize).toMatchObject({ kind: 'value', value: 100 })
    expect(file.props.ncSize).toMatchObject({ kind: 'value', value: 'one hundred' })
    expect(file.props.modified.kind).toBe('invalid')
    expect(file.props.type).toMatchObject({ kind: 'value', value: { collection: false } })
  })

  test('a property the server does not mention is missing, not dropped', async () => {
    server.use(
      handle('PROPFIND', `${BASE}x`, () =>
        multistatus(`<D:multistatus xmlns:D="DAV:"><D:response><D:href>/remote.php/dav/files/alice/x</D:href>
        <D:propstat><D:prop><D:getetag>"abc"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
        </D:response></D:multistatus>`),
      ),
    )
    const result = await dav().propfind('x', { props: { etag: davProps.getetag, size: davProps.getcontentlength } })
    const resource = result.resources[0]
    expect(resource?.props.etag).toMatchObject({ kind: 'value', value: { value: 'abc', weak: false } })
    expect(resource?.props.size.kind).toBe('missing')
  })

  test('names with spaces, #, ?, % and non-ASCII are encoded once in the request URL', async () => {
    const name = 'dir with space/a #b ?c %d é 日本.txt'
    const encoded = 'dir%20with%20space/a%20%23b%20%3Fc%20%25d%20%C3%A9%20%E6%97%A5%E6%9C%AC.txt'
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPFIND',
        `${BASE}${encoded}`,
        (r) =>
          multistatus(`<D:multistatus xmlns:D="DAV:"><D:response><D:href>${new URL(r.url).pathname}</D:href>
        <D:propstat><D:prop><D:displayname>x</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
        </D:response></D:multistatus>`),
        seen,
      ),
    )
    const result = await dav().propfind(name, { props: { name: davProps.displayname } })
    expect(seen[0]?.url).toBe(`${BASE}${encoded}`)
    expect(result.resources[0]?.href.path).toBe(`/remote.php/dav/files/alice/${name}`)
    // The href can be fed back as a target.
    const again = await dav().propfind(result.resources[0]!.href, { props: { name: davProps.displayname } })
    expect(again.resources).toHaveLength(1)
    expect(seen[1]?.url).toBe(`${BASE}${encoded}`)
  })

  test('a 404 is an HttpStatusError with status 404', async () => {
    server.use(handle('PROPFIND', `${BASE}gone`, () => new HttpResponse('Not Found', { status: 404 })))
    const error = await dav()
      .propfind('gone', { props: { etag: davProps.getetag } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.code).toBe('http-status')
    expect(error.status).toBe(404)
    expect(error.request.method).toBe('PROPFIND')
    expect(error.request.headers.authorization).toBe('[REDACTED]')
  })

  test('Depth infinity refused with 403 propfind-finite-depth is told apart', async () => {
    server.use(
      handle(
        'PROPFIND',
        BASE,
        () =>
          new HttpResponse('<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:propfind-finite-depth/></D:error>', {
            status: 403,
            headers: { 'Content-Type': 'application/xml' },
          }),
      ),
    )
    const error = await dav()
      .propfind('', { depth: 'infinity', allprop: true })
      .catch((e) => e)
    expect(error).toBeInstanceOf(DepthRefusedError)
    expect(error.status).toBe(403)
    expect(error.evidence).toBe('propfind-finite-depth')
    expect(error.davError.conditions[0].name).toEqual({ namespace: 'DAV:', local: 'propfind-finite-depth' })
  })

  test('a bare 403 to Depth infinity (Apache sends HTML) is a DepthRefusedError; to depth 1 it is not', async () => {
    server.use(
      handle(
        'PROPFIND',
        BASE,
        () =>
          new HttpResponse('<!DOCTYPE HTML><html><body>Forbidden</body></html>', { status: 403, headers: { 'Content-Type': 'text/html' } }),
      ),
    )
    const infinite = await dav()
      .propfind('', { depth: 'infinity', propname: true })
      .catch((e) => e)
    expect(infinite).toBeInstanceOf(DepthRefusedError)
    expect(infinite.evidence).toBe('status-403')
    const shallow = await dav()
      .propfind('', { depth: 1, propname: true })
      .catch((e) => e)
    expect(shallow).toBeInstanceOf(HttpStatusError)
    expect(shallow.status).toBe(403)
  })

  test('an HTML page with 200 is an UndecodableResponseError, not an empty listing', async () => {
    server.use(
      handle(
        'PROPFIND',
        BASE,
        () => new HttpResponse('<!doctype html><html><body>Login</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      ),
    )
    const error = await dav()
      .propfind('', { propname: true })
      .catch((e) => e)
    expect(error).toBeInstanceOf(UndecodableResponseError)
    expect(['not-xml', 'doctype-forbidden', 'malformed-xml']).toContain(error.failure.code)
    expect(error.response.status).toBe(200)
  })

  test('an empty 207 body is undecodable (empty-body)', async () => {
    server.use(handle('PROPFIND', BASE, () => new HttpResponse(null, { status: 207 })))
    const error = await dav()
      .propfind('', { props: { etag: davProps.getetag } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(UndecodableResponseError)
    expect(error.failure.code).toBe('empty-body')
  })

  test('allprop with include and propname send the right bodies', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPFIND',
        BASE,
        () =>
          multistatus(`<D:multistatus xmlns:D="DAV:"><D:response><D:href>/remote.php/dav/files/alice/</D:href>
      <D:propstat><D:prop><D:getetag>"1"</D:getetag><X:custom xmlns:X="urn:x">v</X:custom></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
      </D:response></D:multistatus>`),
        seen,
      ),
    )
    const all = await dav().propfind('', { allprop: true, include: { etag: davProps.getetag } })
    expect(seen[0]?.body).toContain('<D:allprop/><D:include><D:getetag/></D:include>')
    expect(seen[0]?.headers.get('depth')).toBe('0')
    expect(all.resources[0]?.props.etag.kind).toBe('value')
    expect(all.resources[0]?.properties.map((p) => p.name.local)).toEqual(['getetag', 'custom'])
    const names = await dav().propfind('', { propname: true })
    expect(seen[1]?.body).toContain('<D:propname/>')
    expect(names.resources[0]?.properties.map((p) => p.name)).toContainEqual({ namespace: 'urn:x', local: 'custom' })
  })

  describe.runIf(corpusAvailable)(`real server bodies${corpusSkipNote}`, () => {
    test('nginx: a missing resource as a 207 with a 404 propstat', async () => {
      server.use(handle('PROPFIND', BASE, () => multistatus(corpus('nginx--propfind-nonexistent-404-propstat.xml'))))
      const result = await dav().propfind('', { props: { etag: davProps.getetag } })
      expect(result.resources).toHaveLength(1)
      expect(result.resources[0]?.props.etag.kind).toBe('missing')
    })

    test('ownCloud: 1000 files, 404 propstats for the properties files lack', async () => {
      server.use(handle('PROPFIND', BASE, () => multistatus(corpus('owncloud--propfind-depth1-1000-files.xml'))))
      const result = await dav().propfind('', {
        depth: 1,
        props: { size: davProps.getcontentlength, etag: davProps.getetag, type: davProps.resourcetype, ocSize },
      })
      expect(result.resources.length).toBeGreaterThan(1000)
      const [folder, file] = result.resources
      expect(folder?.props.size.kind).toBe('failed')
      expect(folder?.props.type).toMatchObject({ kind: 'value', value: { collection: true } })
      expect(file?.props.size).toMatchObject({ kind: 'value', value: 100 })
      expect(file?.props.ocSize).toMatchObject({ kind: 'value', value: 100 })
      expect(file?.props.etag).toMatchObject({ kind: 'value', value: { value: 'bd4f8229859bef21ef84fee238cdf34a' } })
    })
  })
})
