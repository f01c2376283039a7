// PUT and MKCOL answers that contradict an earlier attempt of the same request, and the MKCOL
// "file in the way" probe, replayed through a scripted fetch.
import { describe, expect, test } from 'vitest'
import { XML_HEADERS as XML, scriptedClient as scripted, statusAnswer as status } from '../support/scripted-client.ts'

describe('a retried PUT or MKCOL that may contradict its own earlier attempt', () => {
  test('PUT with ifNoneMatch whose first attempt got 502 and the retry 412 is uncertain, not precondition-failed', async () => {
    const { dav } = scripted([status(502), status(412)])
    const result = await dav.put('a.txt', 'x', { ifNoneMatch: '*' })
    expect(result).toMatchObject({ kind: 'uncertain', status: 412, attempts: 2 })
    if (result.kind === 'uncertain') expect(result.earlierFailures).toMatchObject([{ status: 502 }])
  })

  test('a PUT whose earlier attempt surely failed (503) keeps its precondition-failed', async () => {
    const { dav } = scripted([status(503), status(412)])
    expect(await dav.put('a.txt', 'x', { ifNoneMatch: '*' })).toMatchObject({ kind: 'precondition-failed', attempts: 2 })
  })

  test('MKCOL whose first attempt got 504 and the retry 405 is uncertain, not already-exists', async () => {
    const { dav } = scripted([status(504), status(405)])
    const result = await dav.mkcol('d')
    expect(result).toMatchObject({ kind: 'uncertain', status: 405, attempts: 2 })
    if (result.kind === 'uncertain') expect(result.earlierFailures).toMatchObject([{ status: 504 }])
  })

  test('MKCOL 503 then 405 stays already-exists', async () => {
    const { dav } = scripted([status(503), status(405)])
    expect(await dav.mkcol('d')).toMatchObject({ kind: 'already-exists', attempts: 2 })
  })
})

const NOT_FOUND_207 = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
<D:response><D:href>/files/a/b</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
</D:multistatus>`

const FILE_207 = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
<D:response><D:href>/files/a/b</D:href><D:propstat><D:prop><D:resourcetype/></D:prop>
<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
</D:multistatus>`

describe('the MKCOL probe for a file in the way', () => {
  test('a 207 holding a 404 is not something in the way: with parents, the parents are created', async () => {
    const { dav, seen } = scripted([
      status(404), // MKCOL /files/a/b/: the parent is missing
      () => new Response(NOT_FOUND_207, { status: 207, headers: XML }), // PROPFIND /files/a/b
      status(201), // MKCOL /files/a/
      status(201), // MKCOL /files/a/b/
    ])
    const result = await dav.mkcol('a/b', { parents: true, headers: { 'x-trace': 'abc' } })
    expect(result).toMatchObject({ kind: 'created', createdParents: ['a'] })
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'MKCOL /files/a/b/',
      'PROPFIND /files/a/b',
      'MKCOL /files/a/',
      'MKCOL /files/a/b/',
    ])
    // The probe carries the request's own headers, and depth 0.
    expect(seen[1]!.headers.get('x-trace')).toBe('abc')
    expect(seen[1]!.headers.get('depth')).toBe('0')
  })

  test('without parents, a 404 whose probe finds nothing stays the 404 it was', async () => {
    const { dav } = scripted([status(404), () => new Response(NOT_FOUND_207, { status: 207, headers: XML })])
    await expect(dav.mkcol('a/b')).rejects.toMatchObject({ code: 'http-status', status: 404 })
  })

  test('a probe finding the resource with a 2xx propstat is already-exists', async () => {
    const { dav } = scripted([status(404), () => new Response(FILE_207, { status: 207, headers: XML })])
    expect(await dav.mkcol('a/b', { parents: true })).toMatchObject({ kind: 'already-exists', status: 404 })
  })
})
