import { describe, expect, it } from 'vitest'
import { createDavServer, type DavDialect } from '../src/index.ts'
import { ORIGIN, propfindBody, send } from './support/dav-request.ts'

async function listing(dialect: DavDialect): Promise<string> {
  const dav = createDavServer({ dialect, seed: { 'a b.txt': 'x' } })
  const response = await send(dav, 'PROPFIND', '/', { headers: { Depth: '1' }, body: propfindBody('getetag', 'getcontentlength', 'nope') })
  expect(response.status).toBe(207)
  return response.text()
}

describe('server dialects', () => {
  it('default: D: prefix, path hrefs, 200 propstat first, reason phrases', async () => {
    const xml = await listing({})
    expect(xml).toContain('<D:multistatus xmlns:D="DAV:">')
    expect(xml).toContain('<D:href>/a%20b.txt</D:href>')
    expect(xml.indexOf('200 OK')).toBeLessThan(xml.indexOf('404 Not Found'))
  })

  it('absolute hrefs', async () => {
    expect(await listing({ hrefs: 'absolute' })).toContain(`<D:href>${ORIGIN}/a%20b.txt</D:href>`)
  })

  it('another prefix or the default namespace', async () => {
    const lower = await listing({ davPrefix: 'd' })
    expect(lower).toContain('<d:multistatus xmlns:d="DAV:">')
    expect(lower).not.toContain('<D:')
    const bare = await listing({ davPrefix: 'default' })
    expect(bare).toContain('<multistatus xmlns="DAV:"><response><href>/</href>')
  })

  it('404 propstat first', async () => {
    const xml = await listing({ propstatOrder: 'not-found-first' })
    expect(xml.indexOf('404 Not Found')).toBeLessThan(xml.indexOf('200 OK'))
  })

  it('status lines without a reason phrase', async () => {
    const xml = await listing({ reasonPhrases: false })
    expect(xml).toContain('<D:status>HTTP/1.1 200</D:status>')
    expect(xml).toContain('<D:status>HTTP/1.1 404</D:status>')
  })

  it('Depth: infinity refused with 403 propfind-finite-depth', async () => {
    const dav = createDavServer({ dialect: { depthInfinity: 'refuse' } })
    const refused = await send(dav, 'PROPFIND', '/', { headers: { Depth: 'infinity' } })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('<D:propfind-finite-depth/>')
    expect((await send(dav, 'PROPFIND', '/')).status).toBe(403)
    expect((await send(dav, 'PROPFIND', '/', { headers: { Depth: '1' } })).status).toBe(207)
  })

  it('partial failures the Apache way: 424 with the multistatus body, nothing done', async () => {
    const seed = { c: { 'free.txt': 'f', 'held.txt': 'h' }, other: { 'x.txt': 'x' } }
    const dav = createDavServer({ dialect: { partialFailures: 'apache' }, seed })
    dav.lockAsOtherOwner('/c/held.txt')
    for (const [method, headers] of [
      ['DELETE', {}],
      ['MOVE', { Destination: '/moved/' }],
      ['COPY', { Destination: '/c/' }],
    ] as const) {
      const source = method === 'COPY' ? '/other/' : '/c/'
      const response = await send(dav, method, source, { headers })
      expect(response.status, method).toBe(424)
      const xml = await response.text()
      expect(xml).toContain('<D:href>/c/held.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status>')
      expect(dav.snapshot()).toEqual(seed)
    }
    const rfc = createDavServer({ seed })
    rfc.lockAsOtherOwner('/c/held.txt')
    expect((await send(rfc, 'DELETE', '/c/')).status).toBe(207)
    expect(rfc.snapshot()).toEqual({ c: { 'held.txt': 'h' }, other: { 'x.txt': 'x' } })
  })

  it('serves under a base path', async () => {
    const dav = createDavServer({ basePath: '/remote.php/dav/files/alice', seed: { 'a.txt': 'x' } })
    const xml = await (
      await send(dav, 'PROPFIND', '/remote.php/dav/files/alice/', { headers: { Depth: '1' }, body: propfindBody('getetag') })
    ).text()
    expect(xml).toContain('<D:href>/remote.php/dav/files/alice/a.txt</D:href>')
  })
})
