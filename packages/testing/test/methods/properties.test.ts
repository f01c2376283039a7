import { describe, expect, it } from 'vitest'
import { createDavServer } from '../../src/index.ts'
import { parseMultistatus, propfindBody, propOf, send } from '../support/dav-request.ts'

const frozen = new Date('2026-03-04T05:06:07.890Z')

async function propfind(dav: ReturnType<typeof createDavServer>, path: string, depth: string, body?: string) {
  const response = await send(dav, 'PROPFIND', path, { headers: { Depth: depth }, ...(body === undefined ? {} : { body }) })
  expect(response.status).toBe(207)
  return parseMultistatus(await response.text()).responses
}

async function proppatch(dav: ReturnType<typeof createDavServer>, path: string, inner: string) {
  return send(dav, 'PROPPATCH', path, {
    body: `<?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:">${inner}</D:propertyupdate>`,
  })
}

describe('PROPFIND', () => {
  const seed = { docs: { 'a.txt': 'hello', sub: { 'b.txt': 'x' } } }

  it('walks Depth 0, 1 and infinity', async () => {
    const dav = createDavServer({ seed })
    expect((await propfind(dav, '/docs/', '0')).map((r) => r.href)).toEqual(['/docs/'])
    expect((await propfind(dav, '/docs/', '1')).map((r) => r.href)).toEqual(['/docs/', '/docs/a.txt', '/docs/sub/'])
    expect((await propfind(dav, '/docs/', 'infinity')).map((r) => r.href)).toEqual([
      '/docs/',
      '/docs/a.txt',
      '/docs/sub/',
      '/docs/sub/b.txt',
    ])
  })

  it('computes live properties', async () => {
    const dav = createDavServer({ seed, now: () => frozen })
    const [file] = await propfind(
      dav,
      '/docs/a.txt',
      '0',
      propfindBody('getcontentlength', 'getcontenttype', 'creationdate', 'getlastmodified', 'resourcetype', 'getetag', 'displayname'),
    )
    expect(propOf(file, 'D:getcontentlength')?.value).toBe('5')
    expect(propOf(file, 'D:getcontenttype')?.value).toBe('text/plain')
    expect(propOf(file, 'D:creationdate')?.value).toBe('2026-03-04T05:06:07Z')
    expect(propOf(file, 'D:getlastmodified')?.value).toBe('Wed, 04 Mar 2026 05:06:07 GMT')
    expect(propOf(file, 'D:resourcetype')?.value).toBe('')
    expect(propOf(file, 'D:getetag')?.value).toBe(dav.read('/docs/a.txt')?.etag)
    expect(propOf(file, 'D:displayname')?.value).toBe('a.txt')
    const [collection] = await propfind(dav, '/docs/', '0', propfindBody('resourcetype', 'getcontentlength'))
    expect(propOf(collection, 'D:resourcetype')?.value).toEqual({ 'D:collection': '' })
    expect(propOf(collection, 'D:getcontentlength')?.status).toBe('HTTP/1.1 404 Not Found')
  })

  it('allprop leaves out quota, sync-token and principal; include brings them in; propname lists names', async () => {
    const dav = createDavServer({ seed })
    const [all] = await propfind(dav, '/docs/', '0')
    expect(propOf(all, 'D:getetag')).toBeDefined()
    expect(propOf(all, 'D:quota-used-bytes')).toBeUndefined()
    const [included] = await propfind(
      dav,
      '/docs/',
      '0',
      '<D:propfind xmlns:D="DAV:"><D:allprop/><D:include><D:quota-used-bytes/></D:include></D:propfind>',
    )
    expect(propOf(included, 'D:quota-used-bytes')?.value).toBe('6')
    const [names] = await propfind(dav, '/docs/a.txt', '0', '<D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>')
    expect(propOf(names, 'D:getcontentlength')?.value).toBe('')
  })

  it('answers 404 propstats for unknown properties, 404 for missing resources', async () => {
    const dav = createDavServer({ seed })
    const [response] = await propfind(
      dav,
      '/docs/a.txt',
      '0',
      '<D:propfind xmlns:D="DAV:" xmlns:X="urn:x"><D:prop><X:nope/><D:getetag/></D:prop></D:propfind>',
    )
    expect(propOf(response, '*:nope')?.status).toBe('HTTP/1.1 404 Not Found')
    expect(propOf(response, 'D:getetag')?.status).toBe('HTTP/1.1 200 OK')
    expect((await send(dav, 'PROPFIND', '/missing', { headers: { Depth: '0' } })).status).toBe(404)
  })

  it('answers 400 to malformed bodies, DOCTYPE, wrong roots and bad Depth', async () => {
    const dav = createDavServer({ seed })
    for (const body of [
      '<D:propfind xmlns:D="DAV:"><D:prop>',
      '<!DOCTYPE x [<!ENTITY a "b">]><x/>',
      '<D:other xmlns:D="DAV:"/>',
      '<D:propfind xmlns:D="DAV:"/>',
      '<x:propfind/>',
    ]) {
      expect((await send(dav, 'PROPFIND', '/docs/', { headers: { Depth: '0' }, body })).status).toBe(400)
    }
    expect((await send(dav, 'PROPFIND', '/docs/', { headers: { Depth: '2' } })).status).toBe(400)
    expect((await send(dav, 'PROPFIND', '/docs/', { headers: { Depth: '0' }, body: new Uint8Array([0x3c, 0xff, 0x3e]) })).status).toBe(400)
  })
})

describe('PROPPATCH', () => {
  it('stores dead properties faithfully: namespaces, mixed content, xml:lang, high Unicode', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const value = '<Z:note xmlns:Z="urn:z" xml:lang="de">Grüße <Z:b attr="1">fett</Z:b> &amp; 𝄞 &#x10FFFF;</Z:note>'
    const response = await proppatch(dav, '/a.txt', `<D:set><D:prop>${value}<plain xmlns="">p</plain></D:prop></D:set>`)
    expect(response.status).toBe(207)
    const [result] = parseMultistatus(await response.text()).responses
    expect(result?.propstats.map((propstat) => propstat.status)).toEqual(['HTTP/1.1 200 OK'])
    const back = await send(dav, 'PROPFIND', '/a.txt', {
      headers: { Depth: '0' },
      body: '<D:propfind xmlns:D="DAV:"><D:prop><Q:note xmlns:Q="urn:z"/><plain xmlns=""/></D:prop></D:propfind>',
    })
    const xml = await back.text()
    expect(xml).toMatch(/<(ns\d+):note xmlns:\1="urn:z" xml:lang="de">Grüße <\1:b attr="1">fett<\/\1:b> &amp; 𝄞 \u{10FFFF}<\/\1:note>/u)
    expect(xml).toContain('<plain>p</plain>')
  })

  it('inherits xml:lang from the enclosing elements', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    await proppatch(dav, '/a.txt', '<D:set xml:lang="fr"><D:prop><X:t xmlns:X="urn:x">bonjour</X:t></D:prop></D:set>')
    const xml = await (
      await send(dav, 'PROPFIND', '/a.txt', {
        headers: { Depth: '0' },
        body: '<D:propfind xmlns:D="DAV:"><D:prop><X:t xmlns:X="urn:x"/></D:prop></D:propfind>',
      })
    ).text()
    expect(xml).toMatch(/<ns\d+:t xmlns:ns\d+="urn:x" xml:lang="fr">bonjour</)
  })

  it('is atomic: a protected property fails with 403, the others get 424 and nothing changes', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const etag = dav.read('/a.txt')?.etag
    const response = await proppatch(
      dav,
      '/a.txt',
      '<D:set><D:prop><X:a xmlns:X="urn:x">1</X:a><D:getetag>"forged"</D:getetag></D:prop></D:set><D:remove><D:prop><X:b xmlns:X="urn:x"/></D:prop></D:remove>',
    )
    const [result] = parseMultistatus(await response.text()).responses
    expect(propOf(result, 'D:getetag')?.status).toBe('HTTP/1.1 403 Forbidden')
    expect(propOf(result, '*:a')?.status).toBe('HTTP/1.1 424 Failed Dependency')
    expect(dav.read('/a.txt')?.props).toEqual({})
    expect(dav.read('/a.txt')?.etag).toBe(etag)
  })

  it('applies instructions in order and changes the ETag', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    const before = dav.read('/a.txt')?.etag
    await proppatch(
      dav,
      '/a.txt',
      '<D:set><D:prop><X:a xmlns:X="urn:x">1</X:a></D:prop></D:set><D:remove><D:prop><X:a xmlns:X="urn:x"/></D:prop></D:remove><D:set><D:prop><X:b xmlns:X="urn:x">2</X:b></D:prop></D:set>',
    )
    expect(dav.read('/a.txt')?.props).toEqual({ '{urn:x}b': '2' })
    expect(dav.read('/a.txt')?.etag).not.toBe(before)
  })

  it('sets displayname and getcontenttype; refuses bad bodies with 400', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'x' } })
    await proppatch(
      dav,
      '/a.txt',
      '<D:set><D:prop><D:displayname>Nice name</D:displayname><D:getcontenttype>text/markdown</D:getcontenttype></D:prop></D:set>',
    )
    const [response] = await propfind(dav, '/a.txt', '0', propfindBody('displayname', 'getcontenttype'))
    expect(propOf(response, 'D:displayname')?.value).toBe('Nice name')
    expect(propOf(response, 'D:getcontenttype')?.value).toBe('text/markdown')
    expect((await send(dav, 'PROPPATCH', '/a.txt', { body: '<D:propertyupdate xmlns:D="DAV:"><D:set/></D:propertyupdate>' })).status).toBe(
      400,
    )
    expect((await send(dav, 'PROPPATCH', '/a.txt')).status).toBe(400)
    expect(
      (
        await send(dav, 'PROPPATCH', '/a.txt', {
          body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><bar:foo xmlns:bar=""/></D:prop></D:set></D:propertyupdate>',
        })
      ).status,
    ).toBe(400)
  })
})

describe('quota and principal properties', () => {
  it('reports quota-used-bytes and quota-available-bytes (RFC 4331)', async () => {
    const dav = createDavServer({ quotaBytes: 100, seed: { a: { 'x.txt': '12345' }, 'y.txt': '123' } })
    const [root] = await propfind(dav, '/', '0', propfindBody('quota-used-bytes', 'quota-available-bytes'))
    expect(propOf(root, 'D:quota-used-bytes')?.value).toBe('8')
    expect(propOf(root, 'D:quota-available-bytes')?.value).toBe('92')
    dav.setQuota(undefined)
    const [unlimited] = await propfind(dav, '/a/', '0', propfindBody('quota-used-bytes', 'quota-available-bytes'))
    expect(propOf(unlimited, 'D:quota-used-bytes')?.value).toBe('5')
    expect(propOf(unlimited, 'D:quota-available-bytes')?.status).toBe('HTTP/1.1 404 Not Found')
  })

  it('reports current-user-principal (RFC 5397), unauthenticated by default', async () => {
    const dav = createDavServer()
    const [anonymous] = await propfind(dav, '/', '0', propfindBody('current-user-principal'))
    expect(propOf(anonymous, 'D:current-user-principal')?.value).toEqual({ 'D:unauthenticated': '' })
    dav.setPrincipal('/principals/alice/')
    const [alice] = await propfind(dav, '/', '0', propfindBody('current-user-principal'))
    expect(propOf(alice, 'D:current-user-principal')?.value).toEqual({ 'D:href': ['/principals/alice/'] })
  })
})
