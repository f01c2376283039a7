import { describe, expect, it } from 'vitest'
import { createDavServer } from '../src/index.ts'
import { parseMultistatus, propOf, send } from './support/dav-request.ts'

function syncBody(token: string, level = '1', limit?: number): string {
  return (
    `<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token>` +
    `<D:sync-level>${level}</D:sync-level>${limit === undefined ? '' : `<D:limit><D:nresults>${limit}</D:nresults></D:limit>`}` +
    '<D:prop><D:getetag/></D:prop></D:sync-collection>'
  )
}

async function sync(dav: ReturnType<typeof createDavServer>, token: string, level = '1', limit?: number) {
  const response = await send(dav, 'REPORT', '/cal/', {
    body: syncBody(token, level, limit),
    headers: { 'Content-Type': 'application/xml' },
  })
  return {
    status: response.status,
    ...(response.status === 207 ? parseMultistatus(await response.text()) : { responses: [], syncToken: undefined }),
  }
}

describe('REPORT sync-collection (RFC 6578)', () => {
  it('an initial sync lists every member with the requested props and a token', async () => {
    const dav = createDavServer({ seed: { cal: { 'a.ics': 'A', 'b.ics': 'B', sub: { 'deep.ics': 'D' } } } })
    const result = await sync(dav, '')
    expect(result.status).toBe(207)
    expect(result.responses.map((response) => response.href).sort()).toEqual(['/cal/a.ics', '/cal/b.ics', '/cal/sub/'])
    expect(propOf(result.responses[0], 'D:getetag')?.status).toBe('HTTP/1.1 200 OK')
    expect(result.syncToken).toMatch(/^urn:davkit:sync:/)
  })

  it('reports changes and removals since a token, and nothing when nothing changed', async () => {
    const dav = createDavServer({ seed: { cal: { 'a.ics': 'A', 'b.ics': 'B', 'c.ics': 'C' } } })
    const first = await sync(dav, '')
    const token = first.syncToken ?? ''
    await send(dav, 'PUT', '/cal/a.ics', { body: 'A2' })
    await send(dav, 'DELETE', '/cal/b.ics')
    await send(dav, 'PUT', '/cal/new.ics', { body: 'N' })
    const second = await sync(dav, token)
    const byHref = new Map(second.responses.map((response) => [response.href, response]))
    expect([...byHref.keys()].sort()).toEqual(['/cal/a.ics', '/cal/b.ics', '/cal/new.ics'])
    expect(byHref.get('/cal/b.ics')?.status).toBe('HTTP/1.1 404 Not Found')
    expect(propOf(byHref.get('/cal/a.ics'), 'D:getetag')?.value).toBe(dav.read('/cal/a.ics')?.etag)
    expect(second.syncToken).not.toBe(token)
    const third = await sync(dav, second.syncToken ?? '')
    expect(third.responses).toEqual([])
    expect(third.syncToken).toBe(second.syncToken)
  })

  it('reports a MOVE as a removal and an addition, and a PROPPATCH as a change', async () => {
    const dav = createDavServer({ seed: { cal: { 'a.ics': 'A', 'b.ics': 'B' } } })
    const token = (await sync(dav, '')).syncToken ?? ''
    await send(dav, 'MOVE', '/cal/a.ics', { headers: { Destination: '/cal/renamed.ics' } })
    await send(dav, 'PROPPATCH', '/cal/b.ics', {
      body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><X:c xmlns:X="urn:x">1</X:c></D:prop></D:set></D:propertyupdate>',
    })
    const changes = await sync(dav, token)
    expect(changes.responses.map((response) => [response.href, response.status ?? 'props']).sort()).toEqual([
      ['/cal/a.ics', 'HTTP/1.1 404 Not Found'],
      ['/cal/b.ics', 'props'],
      ['/cal/renamed.ics', 'props'],
    ])
  })

  it('refuses a token from before a reset with valid-sync-token, so a client resyncs fully', async () => {
    const dav = createDavServer({ seed: { cal: { 'a.ics': 'A', 'b.ics': 'B' } } })
    const token = (await sync(dav, '')).syncToken ?? ''
    dav.reset({ cal: { 'c.ics': 'C' } })
    const response = await send(dav, 'REPORT', '/cal/', { body: syncBody(token), headers: { 'Content-Type': 'application/xml' } })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('valid-sync-token')
    const fresh = await sync(dav, '')
    expect(fresh.responses.map((r) => r.href)).toEqual(['/cal/c.ics'])
  })

  it('the sync-token property equals the token the report gives', async () => {
    const dav = createDavServer({ seed: { cal: { 'a.ics': 'A' } } })
    const response = await send(dav, 'PROPFIND', '/cal/', {
      headers: { Depth: '0' },
      body: '<D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/></D:prop></D:propfind>',
    })
    const property = propOf(parseMultistatus(await response.text()).responses[0], 'D:sync-token')
    expect(property?.value).toBe((await sync(dav, '')).syncToken)
  })

  it('sync-level 1 leaves out changes below member collections; infinite includes them', async () => {
    const dav = createDavServer({ seed: { cal: { sub: { 'deep.ics': 'D' } } } })
    const token = (await sync(dav, '')).syncToken ?? ''
    await send(dav, 'PUT', '/cal/sub/deep.ics', { body: 'D2' })
    expect((await sync(dav, token, '1')).responses).toEqual([])
    expect((await sync(dav, token, 'infinite')).responses.map((response) => response.href)).toEqual(['/cal/sub/deep.ics'])
  })

  it('refuses unknown tokens with 403 valid-sync-token', async () => {
    const dav = createDavServer({ seed: { cal: {} } })
    const response = await send(dav, 'REPORT', '/cal/', { body: syncBody('urn:someone-else:1') })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('<D:valid-sync-token/>')
    const future = await send(dav, 'REPORT', '/cal/', { body: syncBody(`${(await sync(dav, '')).syncToken}999`) })
    expect(future.status).toBe(403)
  })

  it('truncates at DAV:limit with a 507 number-of-matches-within-limits response, and the token resumes', async () => {
    const dav = createDavServer({ seed: { cal: { '1.ics': '1', '2.ics': '2', '3.ics': '3' } } })
    const page = await sync(dav, '', '1', 2)
    expect(page.responses).toHaveLength(3)
    const marker = page.responses.at(-1)
    expect(marker?.href).toBe('/cal/')
    expect(marker?.status).toBe('HTTP/1.1 507 Insufficient Storage')
    expect(marker?.error).toHaveProperty('D:number-of-matches-within-limits')
    const rest = await sync(dav, page.syncToken ?? '', '1', 2)
    expect(rest.responses.map((response) => response.href)).toEqual(['/cal/3.ics'])
  })

  it('answers other reports and non-collections with 403 supported-report, bad bodies with 400', async () => {
    const dav = createDavServer({ seed: { cal: { 'a.ics': 'A' } } })
    expect((await send(dav, 'REPORT', '/cal/', { body: '<C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav"/>' })).status).toBe(403)
    expect((await send(dav, 'REPORT', '/cal/a.ics', { body: syncBody('') })).status).toBe(403)
    expect(
      (await send(dav, 'REPORT', '/cal/', { body: '<D:sync-collection xmlns:D="DAV:"><D:sync-token/></D:sync-collection>' })).status,
    ).toBe(400)
    expect((await send(dav, 'REPORT', '/cal/', { body: syncBody('', '1', 0) })).status).toBe(400)
    expect((await send(dav, 'REPORT', '/cal/', { body: '<D:sync-collection' })).status).toBe(400)
  })
})
