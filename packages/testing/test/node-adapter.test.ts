import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDavServer } from '../src/index.ts'
import { listen, type ListeningDavServer } from '../src/node/index.ts'

const dav = createDavServer({ basePath: '/dav/', seed: { 'a.txt': 'alpha' } })
let http: ListeningDavServer

beforeAll(async () => {
  http = await listen(dav)
})
afterAll(async () => {
  await http.close()
})

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

describe('Node adapter', () => {
  it('serves on 127.0.0.1 with a free port', () => {
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dav\/$/)
    expect(http.port).toBeGreaterThan(0)
  })

  it('answers WebDAV requests over real HTTP', async () => {
    const put = await fetch(`${http.url}b.txt`, { method: 'PUT', body: 'bravo' })
    expect(put.status).toBe(201)
    const propfind = await fetch(http.url, { method: 'PROPFIND', headers: { Depth: '1' } })
    expect(propfind.status).toBe(207)
    expect(propfind.headers.get('content-type')).toContain('application/xml')
    expect(await propfind.text()).toContain('<D:href>/dav/b.txt</D:href>')
    const head = await fetch(`${http.url}a.txt`, { method: 'HEAD' })
    expect(head.headers.get('content-length')).toBe('5')
  })

  it('drops the connection on a network fault', async () => {
    dav.faults.networkError({ path: '/a.txt' })
    await expect(fetch(`${http.url}a.txt`)).rejects.toThrow(TypeError)
    expect((await fetch(`${http.url}a.txt`)).status).toBe(200)
  })

  it('refuses request targets with a fragment', async () => {
    const answer = await rawRequest(http.port, 'DELETE /dav/a.txt#frag HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(dav.exists('/a.txt')).toBe(true)
  })

  it('writes the status line with its reason phrase, 207 included', async () => {
    const answer = await rawRequest(http.port, 'PROPFIND /dav/ HTTP/1.1\r\nHost: 127.0.0.1\r\nDepth: 0\r\nConnection: close\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 207 Multi-Status\r\n/)
  })
})

describe('Node adapter with CORS', () => {
  it('answers preflights itself and exposes WebDAV headers to other origins', async () => {
    const corsDav = createDavServer({ seed: { 'a.txt': 'x' } })
    const corsHttp = await listen(corsDav, { cors: true })
    try {
      const preflight = await fetch(`${corsHttp.url}a.txt`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'PROPFIND', 'Access-Control-Request-Headers': 'depth, if' },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.test')
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PROPFIND')
      expect(preflight.headers.get('access-control-allow-headers')).toBe('depth, if')
      expect(corsDav.journal.entries).toEqual([])
      const get = await fetch(`${corsHttp.url}a.txt`, { headers: { Origin: 'http://app.test' } })
      expect(get.headers.get('access-control-expose-headers')).toContain('ETag')
      const plainOptions = await fetch(corsHttp.url, { method: 'OPTIONS' })
      expect(plainOptions.headers.get('DAV')).toBe('1, 2')
      expect(plainOptions.headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      await corsHttp.close()
    }
  })

  it('sends no CORS headers unless asked', async () => {
    const get = await fetch(`${http.url}a.txt`, { headers: { Origin: 'http://app.test' } })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })
})
