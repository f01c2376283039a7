import { describe, expect, test } from 'vitest'
import { createDavServer, DavNetworkError, type DavServer } from '../../src/index.ts'
import { ORIGIN, send } from '../support/dav-request.ts'

const MIB = 1024 * 1024
const UPLOADS = '/remote.php/dav/uploads/alice/'
const DESTINATION = `${ORIGIN}/remote.php/dav/files/alice/docs/big.bin`
const at = (member = '') => `${UPLOADS}up-1/${member}`

function server(): DavServer {
  return createDavServer({
    basePath: '/remote.php/dav/files/alice/',
    uploads: { nextcloudChunking: { uploadsPath: UPLOADS } },
    seed: { docs: {} },
  })
}

const chunk = (size: number, fill: number) => new Uint8Array(size).fill(fill)
const headers = (extra: Record<string, string> = {}) => ({ Destination: DESTINATION, ...extra })

async function started(total?: number): Promise<DavServer> {
  const dav = server()
  const extra: Record<string, string> = total === undefined ? {} : { 'OC-Total-Length': String(total) }
  expect((await send(dav, 'MKCOL', at(), { headers: headers(extra) })).status).toBe(201)
  return dav
}

describe('Nextcloud chunked upload v2 on the fake server', () => {
  test('OPTIONS lists a Nextcloud DAV token when switched on', async () => {
    const dav = server()
    expect((await send(dav, 'OPTIONS', '/remote.php/dav/files/alice/docs/')).headers.get('DAV')).toMatch(/, nextcloud-checksum-update$/)
    expect((await send(createDavServer(), 'OPTIONS', '/')).headers.get('DAV')).toBe('1, 2')
  })

  test('MKCOL, numbered chunks, PROPFIND of what is held, MOVE of .file: the file written, the folder gone', async () => {
    const dav = await started(5 * MIB + 3)
    expect((await send(dav, 'PUT', at('1'), { headers: headers(), body: chunk(5 * MIB, 1) })).status).toBe(201)
    expect((await send(dav, 'PUT', at('2'), { headers: headers(), body: chunk(3, 2) })).status).toBe(201)
    const listing = await (await send(dav, 'PROPFIND', at(), { headers: { Depth: '1' } })).text()
    expect(listing).toContain(`<D:href>${at('1')}</D:href>`)
    expect(listing).toContain('<D:getcontentlength>5242880</D:getcontentlength>')
    expect(listing).toContain('<D:getcontentlength>3</D:getcontentlength>')
    const moved = await send(dav, 'MOVE', at('.file'), {
      headers: headers({ 'OC-Total-Length': String(5 * MIB + 3), 'X-OC-Mtime': '1700000000' }),
    })
    expect(moved.status).toBe(201)
    expect(moved.headers.get('X-OC-MTime')).toBe('accepted')
    expect(moved.headers.get('ETag')).toBe(dav.read('/docs/big.bin')?.etag)
    expect(dav.read('/docs/big.bin')?.content.byteLength).toBe(5 * MIB + 3)
    expect(dav.read('/docs/big.bin')?.modified.getTime()).toBe(1_700_000_000_000)
    expect((await send(dav, 'PROPFIND', at(), { headers: { Depth: '0' } })).status).toBe(404)
  })

  test.each([
    ['no Destination at MKCOL', 'MKCOL', at(), {}, 400],
    ['a Destination outside the files', 'MKCOL', at(), { Destination: `${ORIGIN}/elsewhere/a` }, 400],
  ])('%s is refused', async (_name, method, path, extra, status) => {
    expect((await send(server(), method, path, { headers: extra })).status).toBe(status)
  })

  test.each([
    ['chunk 0', '0', headers(), 400],
    ['chunk 10001', '10001', headers(), 400],
    ['a name that is not a number', 'abc', headers(), 400],
    ['no Destination', '1', {}, 400],
    ['another Destination', '1', { Destination: `${ORIGIN}/remote.php/dav/files/alice/docs/other.bin` }, 400],
    ['another OC-Total-Length', '1', headers({ 'OC-Total-Length': '7' }), 400],
  ])('a chunk PUT with %s is refused', async (_name, member, sent, status) => {
    const dav = await started(6)
    expect((await send(dav, 'PUT', at(member), { headers: sent, body: 'abc' })).status).toBe(status)
  })

  test('the MOVE checks numbering, the 5 MiB minimum and OC-Total-Length', async () => {
    const gap = await started()
    await send(gap, 'PUT', at('1'), { headers: headers(), body: chunk(5 * MIB, 1) })
    await send(gap, 'PUT', at('3'), { headers: headers(), body: 'x' })
    expect((await send(gap, 'MOVE', at('.file'), { headers: headers() })).status).toBe(400)
    const small = await started()
    await send(small, 'PUT', at('1'), { headers: headers(), body: chunk(MIB, 1) })
    await send(small, 'PUT', at('2'), { headers: headers(), body: 'x' })
    expect((await send(small, 'MOVE', at('.file'), { headers: headers() })).status).toBe(400)
    const total = await started()
    await send(total, 'PUT', at('1'), { headers: headers(), body: 'abc' })
    expect((await send(total, 'MOVE', at('.file'), { headers: headers({ 'OC-Total-Length': '4' }) })).status).toBe(400)
    expect((await send(total, 'MOVE', at('.file'), { headers: headers({ 'OC-Total-Length': '3' }) })).status).toBe(201)
  })

  test('Overwrite: F onto an existing file: 412, the folder kept', async () => {
    const dav = await started()
    dav.seed({ 'big.bin': 'old' }, '/docs')
    await send(dav, 'PUT', at('1'), { headers: headers(), body: 'new' })
    expect((await send(dav, 'MOVE', at('.file'), { headers: headers({ Overwrite: 'F' }) })).status).toBe(412)
    expect(dav.read('/docs/big.bin')?.text).toBe('old')
    expect((await send(dav, 'MOVE', at('.file'), { headers: headers() })).status).toBe(204)
    expect(dav.read('/docs/big.bin')?.text).toBe('new')
  })

  test('a chunk PUT cut by cutRequestBody keeps nothing', async () => {
    const dav = await started()
    dav.faults.cutRequestBody(2, { method: 'PUT' })
    await expect(send(dav, 'PUT', at('1'), { headers: headers(), body: 'abcdef' })).rejects.toBeInstanceOf(DavNetworkError)
    const listing = await (await send(dav, 'PROPFIND', at(), { headers: { Depth: '1' } })).text()
    expect(listing).not.toContain(at('1'))
  })

  test('DELETE drops the folder; requests into it then get 404', async () => {
    const dav = await started()
    expect((await send(dav, 'DELETE', at())).status).toBe(204)
    expect((await send(dav, 'PUT', at('1'), { headers: headers(), body: 'abc' })).status).toBe(404)
  })
})
