import { HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import {
  NotAllOkError,
  UndecodableResponseError,
  assertAllOk,
  createDavClient,
  davProps,
  element,
  removeProperty,
  setProperty,
  text,
} from '../../src/index.ts'
import { BASE, corpus, corpusAvailable, corpusSkipNote, handle, multistatus, useMswServer, type SeenRequest } from './msw-support.ts'

const server = useMswServer()
const dav = () => createDavClient({ baseUrl: BASE, retry: false })
const x = (local: string) => ({ namespace: 'urn:example:x', local })
const y = (local: string) => ({ namespace: 'urn:example:y', local })

const ATOMIC_FAILURE = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:X="urn:example:x" xmlns:Y="urn:example:y">
 <D:response><D:href>/remote.php/dav/files/alice/a.txt</D:href>
  <D:propstat><D:prop><X:tags/><D:displayname/></D:prop><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>
  <D:propstat><D:prop><D:getetag/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status>
   <D:error><D:cannot-modify-protected-property/></D:error></D:propstat>
  <D:propstat><D:prop><Y:old/></D:prop><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>
 </D:response></D:multistatus>`

describe('proppatch', () => {
  test('sends set and remove in document order, any namespaces, XML values', async () => {
    const seen: SeenRequest[] = []
    server.use(
      handle(
        'PROPPATCH',
        `${BASE}a.txt`,
        () =>
          multistatus(`<D:multistatus xmlns:D="DAV:" xmlns:X="urn:example:x" xmlns:Y="urn:example:y">
      <D:response><D:href>/remote.php/dav/files/alice/a.txt</D:href>
      <D:propstat><D:prop><D:displayname/><X:tags/><Y:old/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
      </D:response></D:multistatus>`),
        seen,
      ),
    )
    const result = await dav().proppatch('a.txt', [
      setProperty(davProps.displayname, 'Q3 <draft> & "final"'),
      setProperty(x('tags'), [element(x('tag'), [text('red')]), element(y('tag'), [text('blue')])]),
      removeProperty(y('old')),
    ])
    const body = seen[0]?.body ?? ''
    expect(body.indexOf('<D:set>')).toBeLessThan(body.indexOf('<D:remove>'))
    expect(body).toContain('<D:displayname>Q3 &lt;draft&gt; &amp; &quot;final&quot;</D:displayname>')
    expect(body).toMatch(/<ns\d:tags><ns\d:tag>red<\/ns\d:tag><ns\d:tag>blue<\/ns\d:tag><\/ns\d:tags>/)
    expect(result.kind).toBe('applied')
    if (result.kind === 'applied') {
      expect(result.outcomes.map((o) => [o.op, o.name.local, o.kind])).toEqual([
        ['set', 'displayname', 'applied'],
        ['set', 'tags', 'applied'],
        ['remove', 'old', 'applied'],
      ])
    }
    expect(assertAllOk(result).kind).toBe('applied')
  })

  test('atomic failure: the 403 is the cause, the others are 424 failed dependencies', async () => {
    server.use(handle('PROPPATCH', `${BASE}a.txt`, () => multistatus(ATOMIC_FAILURE)))
    const result = await dav().proppatch('a.txt', [
      setProperty(x('tags'), 'a'),
      setProperty(davProps.displayname, 'b'),
      setProperty({ namespace: 'DAV:', local: 'getetag' }, '"x"'),
      removeProperty(y('old')),
    ])
    expect(result.kind).toBe('rejected')
    if (result.kind !== 'rejected') return
    expect(result.failed).toHaveLength(1)
    expect(result.failed[0]?.name.local).toBe('getetag')
    expect(result.failed[0]?.status.code).toBe(403)
    expect(result.failed[0]?.error?.conditions[0]?.name.local).toBe('cannot-modify-protected-property')
    expect(result.outcomes.map((o) => o.kind)).toEqual(['failed-dependency', 'failed-dependency', 'failed', 'failed-dependency'])
    expect(() => assertAllOk(result)).toThrow(NotAllOkError)
  })

  test('a non-atomic server (some 200, some 403) is partially-applied', async () => {
    server.use(
      handle('PROPPATCH', `${BASE}r`, () =>
        multistatus(`<D:multistatus xmlns:D="DAV:"><D:response><D:href>/r</D:href>
      <D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:displayname/></D:prop></D:propstat>
      <D:propstat><D:status>HTTP/1.1 403 Forbidden</D:status><D:prop><D:getetag/></D:prop></D:propstat></D:response></D:multistatus>`),
      ),
    )
    const result = await dav().proppatch('r', [
      setProperty(davProps.displayname, 'n'),
      setProperty({ namespace: 'DAV:', local: 'getetag' }, 'e'),
    ])
    expect(result.kind).toBe('partially-applied')
  })

  test.each([200, 204])('a %i without a body is no-report, not assumed applied', async (status) => {
    server.use(handle('PROPPATCH', `${BASE}a.txt`, () => new HttpResponse(null, { status })))
    const result = await dav().proppatch('a.txt', [setProperty(davProps.displayname, 'x')])
    expect(result).toEqual({ kind: 'no-report', status, attempts: 1 })
    expect(() => assertAllOk(result)).toThrow(NotAllOkError)
  })

  test('an instruction the server does not mention makes the result incomplete', async () => {
    server.use(
      handle('PROPPATCH', `${BASE}a.txt`, () =>
        multistatus(`<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a.txt</D:href>
      <D:propstat><D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`),
      ),
    )
    const result = await dav().proppatch('a.txt', [setProperty(davProps.displayname, 'x'), removeProperty(x('gone'))])
    expect(result.kind).toBe('incomplete')
    if (result.kind === 'incomplete') expect(result.outcomes[1]?.kind).toBe('not-reported')
  })

  test('a 423 on the resource is locked, as for every other write; a garbled 207 is undecodable', async () => {
    server.use(handle('PROPPATCH', `${BASE}locked`, () => new HttpResponse(null, { status: 423 })))
    server.use(handle('PROPPATCH', `${BASE}garbled`, () => multistatus('<D:multistatus xmlns:D="DAV:"><D:response>')))
    const locked = await dav().proppatch('locked', [setProperty(davProps.displayname, 'x')])
    expect(locked).toMatchObject({ kind: 'locked', status: 423, lockedHrefs: [], failures: [] })
    const garbled = await dav()
      .proppatch('garbled', [setProperty(davProps.displayname, 'x')])
      .catch((e) => e)
    expect(garbled).toBeInstanceOf(UndecodableResponseError)
  })

  test.runIf(corpusAvailable)(`DAViCal: 409 with responsedescription and error, the rest 424${corpusSkipNote}`, async () => {
    server.use(handle('PROPPATCH', BASE, () => multistatus(corpus('davical--proppatch-409-424-error-responsedescription.xml'))))
    const result = await dav().proppatch('', [
      removeProperty({ namespace: 'DAV:', local: 'resourcetype' }),
      setProperty({ namespace: 'urn:mcmillan:bogus:xml:ns:davical', local: 'arbitrary' }, 'v'),
      setProperty(davProps.displayname, 'n'),
    ])
    expect(result.kind).toBe('rejected')
    if (result.kind !== 'rejected') return
    expect(result.failed[0]?.status.code).toBe(409)
    expect(result.failed[0]?.description).toContain('may only be set')
    expect(result.outcomes.slice(1).map((o) => o.kind)).toEqual(['failed-dependency', 'failed-dependency'])
  })
})
