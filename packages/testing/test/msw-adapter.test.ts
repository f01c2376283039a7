import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDavServer, davHandlers } from '../src/index.ts'

const dav = createDavServer({ basePath: '/remote.php/dav/', seed: { docs: { 'a.txt': 'alpha' } } })
// The last handler answers what the WebDAV handlers leave alone.
const mock = setupServer(
  ...davHandlers(dav, 'https://cloud.test'),
  http.all('*', () => HttpResponse.text('other handler')),
)
const root = 'https://cloud.test/remote.php/dav/'

beforeAll(() => mock.listen({ onUnhandledFrame: 'error' }))
afterEach(() => {
  dav.reset({ docs: { 'a.txt': 'alpha' } })
})
afterAll(() => mock.close())

describe('msw adapter (msw/node, plain fetch)', () => {
  it('answers WebDAV verbs through fetch', async () => {
    const response = await fetch(`${root}docs/`, { method: 'PROPFIND', headers: { Depth: '1' } })
    expect(response.status).toBe(207)
    const body = await response.text()
    expect(body).toContain('<D:href>/remote.php/dav/docs/a.txt</D:href>')
    expect(body).toContain('<D:getcontentlength>5</D:getcontentlength>')
  })

  it('writes land in the store and read back', async () => {
    const put = await fetch(`${root}docs/b.txt`, { method: 'PUT', body: 'bravo', headers: { 'Content-Type': 'text/plain' } })
    expect(put.status).toBe(201)
    expect(dav.read('/docs/b.txt')?.text).toBe('bravo')
    const get = await fetch(`${root}docs/b.txt`)
    expect(await get.text()).toBe('bravo')
    expect(get.headers.get('ETag')).toBe(put.headers.get('ETag'))
    const move = await fetch(`${root}docs/b.txt`, { method: 'MOVE', headers: { Destination: `${root}docs/c.txt` } })
    expect(move.status).toBe(201)
    expect(dav.snapshot('/docs')).toEqual({ 'a.txt': 'alpha', 'c.txt': 'bravo' })
  })

  it('turns a network fault into a fetch rejection', async () => {
    dav.faults.networkError({ method: 'GET', path: '/docs/a.txt' })
    await expect(fetch(`${root}docs/a.txt`)).rejects.toThrow(TypeError)
    const retried = await fetch(`${root}docs/a.txt`)
    expect(retried.status).toBe(200)
    expect(dav.journal.filter({ path: '/docs/a.txt' }).map((entry) => entry.status)).toEqual(['network-error', 200])
  })

  it('answers status faults with Retry-After', async () => {
    dav.faults.status(503, { method: 'PROPFIND', retryAfter: 2 })
    const first = await fetch(`${root}docs/`, { method: 'PROPFIND', headers: { Depth: '0' } })
    expect(first.status).toBe(503)
    expect(first.headers.get('Retry-After')).toBe('2')
    const second = await fetch(`${root}docs/`, { method: 'PROPFIND', headers: { Depth: '0' } })
    expect(second.status).toBe(207)
  })

  it('leaves other origins and paths outside basePath to other handlers', async () => {
    expect(await (await fetch('https://cloud.test/elsewhere')).text()).toBe('other handler')
    expect(await (await fetch('https://other.test/remote.php/dav/docs/a.txt')).text()).toBe('other handler')
  })

  it('refuses a base URL whose path is not the server basePath', () => {
    expect(() => davHandlers(dav, 'https://cloud.test/other/')).toThrow(RangeError)
    expect(() => davHandlers(dav, 'not a url')).toThrow(TypeError)
  })
})
