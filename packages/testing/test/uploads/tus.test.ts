import { describe, expect, test } from 'vitest'
import { createDavServer, DavNetworkError, type DavServer } from '../../src/index.ts'
import { send } from '../support/dav-request.ts'

const TUS = { 'Tus-Resumable': '1.0.0' }
const metadata = (name: string) => `filename ${btoa(name)}`

function server(tus = true): DavServer {
  return createDavServer({ uploads: { tus }, seed: { docs: {} } })
}

async function create(dav: DavServer, length: number | 'deferred', name = 'a.bin'): Promise<string> {
  const headers: Record<string, string> = { ...TUS, 'Upload-Metadata': metadata(name) }
  if (length === 'deferred') headers['Upload-Defer-Length'] = '1'
  else headers['Upload-Length'] = String(length)
  const response = await send(dav, 'POST', '/docs/', { headers })
  expect(response.status).toBe(201)
  return new URL(response.headers.get('Location') ?? '').pathname
}

function patch(dav: DavServer, at: string, offset: number, body: string, extra: Record<string, string> = {}) {
  return send(dav, 'PATCH', at, {
    headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset), ...extra },
    body,
  })
}

describe('TUS on the fake server', () => {
  test('OPTIONS shows TUS 1.0 with its extensions only when switched on', async () => {
    const on = await send(server(), 'OPTIONS', '/docs/')
    expect(on.headers.get('Tus-Resumable')).toBe('1.0.0')
    expect(on.headers.get('Tus-Version')).toBe('1.0.0')
    expect(on.headers.get('Tus-Extension')?.split(',')).toEqual([
      'creation',
      'creation-defer-length',
      'creation-with-upload',
      'termination',
    ])
    const off = await send(server(false), 'OPTIONS', '/docs/')
    expect(off.headers.get('Tus-Resumable')).toBeNull()
    expect((await send(server(false), 'POST', '/docs/', { headers: { ...TUS, 'Upload-Length': '1' } })).status).toBe(501)
  })

  test('creation, PATCHes at the offset, HEAD, and the file written only when complete', async () => {
    const dav = server()
    const at = await create(dav, 11)
    expect(at).toMatch(/^\/\.tus\/[0-9a-f-]+$/)
    expect((await patch(dav, at, 0, 'hello ')).headers.get('Upload-Offset')).toBe('6')
    const head = await send(dav, 'HEAD', at, { headers: TUS })
    expect([head.status, head.headers.get('Upload-Offset'), head.headers.get('Upload-Length'), head.headers.get('Cache-Control')]).toEqual([
      200,
      '6',
      '11',
      'no-store',
    ])
    expect(dav.exists('/docs/a.bin')).toBe(false)
    expect((await patch(dav, at, 6, 'world')).status).toBe(204)
    expect(dav.read('/docs/a.bin')?.text).toBe('hello world')
    // Complete and written: the upload URL still tells its offset, as the reference server's does.
    expect((await send(dav, 'HEAD', at, { headers: TUS })).headers.get('Upload-Offset')).toBe('11')
  })

  test.each([
    ['another offset', { 'Upload-Offset': '3' }, 409],
    ['another content type', { 'Content-Type': 'application/octet-stream' }, 415],
    ['no Tus-Resumable', { 'Tus-Resumable': '0.2.2' }, 412],
  ])('a PATCH at %s is refused (%i) and nothing is kept', async (_name, headers, status) => {
    const dav = server()
    const at = await create(dav, 10)
    const refused = await patch(dav, at, 0, 'abc', headers)
    expect(refused.status).toBe(status)
    if (status === 412) expect(refused.headers.get('Tus-Version')).toBe('1.0.0')
    expect((await send(dav, 'HEAD', at, { headers: TUS })).headers.get('Upload-Offset')).toBe('0')
  })

  test('more bytes than Upload-Length: 413', async () => {
    const dav = server()
    const at = await create(dav, 2)
    expect((await patch(dav, at, 0, 'abc')).status).toBe(413)
  })

  test('a deferred length is told once, with a PATCH; told again it is refused', async () => {
    const dav = server()
    const at = await create(dav, 'deferred')
    expect((await send(dav, 'HEAD', at, { headers: TUS })).headers.get('Upload-Defer-Length')).toBe('1')
    expect((await patch(dav, at, 0, 'abc')).status).toBe(204)
    expect((await patch(dav, at, 3, 'de', { 'Upload-Length': '6' })).status).toBe(204)
    expect((await patch(dav, at, 5, 'f', { 'Upload-Length': '6' })).status).toBe(400)
    expect((await patch(dav, at, 5, 'f')).status).toBe(204)
    expect(dav.read('/docs/a.bin')?.text).toBe('abcdef')
  })

  test('creation-with-upload, and an empty file complete at creation', async () => {
    const dav = server()
    const response = await send(dav, 'POST', '/docs/', {
      headers: { ...TUS, 'Upload-Length': '5', 'Upload-Metadata': metadata('b.txt'), 'Content-Type': 'application/offset+octet-stream' },
      body: 'ab',
    })
    expect(response.headers.get('Upload-Offset')).toBe('2')
    await create(dav, 0, 'empty.txt')
    expect(dav.read('/docs/empty.txt')?.content).toEqual(new Uint8Array())
  })

  test('creation needs a filename and an existing collection', async () => {
    const dav = server()
    expect((await send(dav, 'POST', '/docs/', { headers: { ...TUS, 'Upload-Length': '1' } })).status).toBe(400)
    const elsewhere = await send(dav, 'POST', '/nowhere/', { headers: { ...TUS, 'Upload-Length': '1', 'Upload-Metadata': metadata('a') } })
    expect(elsewhere.status).toBe(404)
  })

  test('DELETE terminates: the upload URL is forgotten', async () => {
    const dav = server()
    const at = await create(dav, 10)
    expect((await send(dav, 'DELETE', at, { headers: TUS })).status).toBe(204)
    expect((await patch(dav, at, 0, 'abc')).status).toBe(404)
  })

  test('a PATCH cut by cutRequestBody keeps the bytes that arrived; the client gets no answer', async () => {
    const dav = server()
    const at = await create(dav, 10)
    dav.faults.cutRequestBody(4, { method: 'PATCH' })
    await expect(patch(dav, at, 0, 'abcdefgh')).rejects.toBeInstanceOf(DavNetworkError)
    expect((await send(dav, 'HEAD', at, { headers: TUS })).headers.get('Upload-Offset')).toBe('4')
  })
})
