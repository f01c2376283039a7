// The tus mechanism against @tus/server with @tus/file-store, the TUS protocol's reference server,
// in this process on 127.0.0.1 over real sockets. It is a TUS endpoint, not a WebDAV server: it
// answers OPTIONS with the Tus-* headers (no DAV header), so the driver is given a plan whose file
// URL lies in its endpoint (`/files/<name>`, POST going to `/files/`), as an explicit
// `mechanism: 'tus'` would. The file store names the file after the upload id, not the file name.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileStore } from '@tus/file-store'
import { Server } from '@tus/server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDavClient } from '../../packages/client/src/index.ts'
import { tusUpload } from '../../packages/client/src/files/upload/tus-upload.ts'
import { bytesChunkSource, patternBytes } from '../../packages/client/test/support/bytes-chunk-source.ts'
import { startCuttingProxy } from '../support/cutting-proxy.ts'
import type { UploadPlan } from '../../packages/client/src/files/upload/upload-mechanism.ts'

const MIB = 1024 * 1024
const SIZE = 6 * MIB + 4321
const CHUNK = MIB

let directory: string
let http: HttpServer
let base: string

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'davkit-tus-'))
  const tus = new Server({ path: '/files', datastore: new FileStore({ directory }) })
  http = createServer((req, res) => void tus.handle(req, res))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
})

afterAll(async () => {
  http.closeAllConnections()
  await new Promise<void>((resolve) => http.close(() => resolve()))
  await rm(directory, { recursive: true, force: true })
})

interface Exchange {
  readonly method: string
  readonly status: number | 'cut'
  readonly headers: Record<string, string>
}

/**
 * A client of the reference server whose `fetch` cuts the body of the `cutAt`-th PATCH after
 * `afterBytes` bytes on the socket (the stream errors there, so the connection is dropped mid-body),
 * and records each exchange's Tus and Upload headers.
 */
function clientCutting(cutAt: number | undefined, afterBytes: number) {
  const exchanges: Exchange[] = []
  let patches = 0
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    if (request.method === 'PATCH' && ++patches === cutAt) {
      const body = new Uint8Array(await request.arrayBuffer())
      const headers = new Headers(request.headers)
      headers.delete('content-length')
      let sent = false
      const cutBody = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent) {
            sent = true
            if (afterBytes > 0) controller.enqueue(body.slice(0, afterBytes))
            return
          }
          // The bytes before the cut get onto the wire before the connection drops.
          return new Promise<void>((resolve) => setTimeout(resolve, 200)).then(() => controller.error(new Error('connection cut')))
        },
      })
      exchanges.push({ method: 'PATCH', status: 'cut', headers: { 'upload-offset': headers.get('upload-offset') ?? '' } })
      // Let the server take what arrived before the client gives up on the request.
      await globalThis.fetch(request.url, { method: 'PATCH', headers, body: cutBody, duplex: 'half' } as RequestInit).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 50))
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
    }
    const response = await globalThis.fetch(request)
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      if (name.startsWith('tus-') || name.startsWith('upload-') || name === 'location') headers[name] = value
    })
    exchanges.push({ method: request.method, status: response.status, headers })
    return response
  }
  const dav = createDavClient({ baseUrl: `${base}/files/`, fetch, retry: { retries: 3, minDelayMs: 10, maxDelayMs: 50, jitter: false } })
  return { dav, exchanges }
}

async function storedUpload(location: string | undefined): Promise<Uint8Array> {
  const id = location?.slice(location.lastIndexOf('/') + 1) ?? ''
  expect((await readdir(directory)).includes(id)).toBe(true)
  return new Uint8Array(await readFile(join(directory, id)))
}

function plan(dav: ReturnType<typeof createDavClient>, bytes: Uint8Array, name: string, origin = base): UploadPlan {
  return {
    client: dav,
    url: new URL(name, `${origin}/files/`),
    source: bytesChunkSource(bytes, { stream: true }),
    chunkSize: CHUNK,
    contentType: 'application/octet-stream',
    overwrite: true,
    signal: undefined,
    onProgress: undefined,
  }
}

describe('tus against @tus/server (the reference server)', () => {
  test('OPTIONS shows TUS 1.0 with creation: the driver is offered', async () => {
    const response = await fetch(`${base}/files/`, { method: 'OPTIONS' })
    expect(response.status).toBe(204)
    expect(tusUpload.offered({ dav: [], headers: response.headers }, new URL(`${base}/files/a.bin`))).toBe(true)
  })

  test('a multi-MB upload without a cut: POST 201, PATCHes 204, the stored file byte-identical', async () => {
    const bytes = patternBytes(SIZE, 3)
    const { dav, exchanges } = clientCutting(undefined, 0)
    const done = await tusUpload.upload(plan(dav, bytes, 'whole.bin'))
    expect(done).toEqual({ size: SIZE, bytesSent: SIZE, resumes: 0, etag: undefined })
    expect(exchanges.map((e) => `${e.method} ${e.status}`)).toEqual(['OPTIONS 204', 'POST 201', ...Array(7).fill('PATCH 204')])
    const location = exchanges[1]?.headers['location']
    expect(Buffer.from(await storedUpload(location)).equals(Buffer.from(bytes))).toBe(true)
  })

  test.each([
    ['at the first byte of the first PATCH', 1, 0],
    ['mid-way through the third PATCH', 3, 300_000],
    ['one byte before the end of the file', 7, SIZE - 6 * CHUNK - 1],
  ])('a connection cut %s: HEAD gives the offset the server kept, the rest follows, the file byte-identical', async (_n, cutAt, after) => {
    const bytes = patternBytes(SIZE, cutAt)
    const { dav, exchanges } = clientCutting(cutAt, after)
    const done = await tusUpload.upload(plan(dav, bytes, `cut-${cutAt}.bin`))
    expect(done.resumes).toBeGreaterThanOrEqual(1)
    const head = exchanges.find((e) => e.method === 'HEAD')
    expect(head?.status).toBe(200)
    const kept = Number(head?.headers['upload-offset'])
    // The server kept whole what arrived before the cut (at most the bytes sent; the stream may
    // not have been flushed to it entirely), never more, and the client went on from there.
    expect(kept).toBeGreaterThanOrEqual((cutAt - 1) * CHUNK)
    expect(kept).toBeLessThanOrEqual((cutAt - 1) * CHUNK + after)
    const next = exchanges[exchanges.indexOf(head as Exchange) + 1]
    expect(next?.method).toBe('PATCH')
    expect(done.bytesSent).toBeLessThanOrEqual(SIZE + CHUNK)
    const location = exchanges.find((e) => e.method === 'POST')?.headers['location']
    expect(Buffer.from(await storedUpload(location)).equals(Buffer.from(bytes))).toBe(true)
  })

  test('the reference server answers a PATCH at another offset than its own with 409, the status the driver settles by HEAD', async () => {
    const bytes = patternBytes(2 * CHUNK, 9)
    const { dav, exchanges } = clientCutting(undefined, 0)
    const p = plan(dav, bytes, 'stale.bin')
    const done = await tusUpload.upload(p)
    expect(done.size).toBe(2 * CHUNK)
    const location = exchanges.find((e) => e.method === 'POST')?.headers['location'] ?? ''
    const stale = await fetch(location, {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
      body: new Uint8Array(1),
    })
    expect(stale.status).toBe(409)
  })

  describe('through a TCP proxy that drops connections', () => {
    async function throughProxy(arm: (proxy: Awaited<ReturnType<typeof startCuttingProxy>>) => void, name: string, retries = 3) {
      const proxy = await startCuttingProxy(`${base}/`)
      try {
        arm(proxy)
        const bytes = patternBytes(SIZE, name.length)
        const statuses: string[] = []
        const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
          const request = new Request(input, init)
          try {
            const response = await globalThis.fetch(request)
            statuses.push(
              `${request.method} ${response.status}${response.headers.has('upload-offset') ? ` [offset ${response.headers.get('upload-offset')}]` : ''}`,
            )
            return response
          } catch (error) {
            statuses.push(`${request.method} dropped`)
            throw error
          }
        }
        const dav = createDavClient({
          baseUrl: `${proxy.origin}/files/`,
          fetch,
          retry: { retries, minDelayMs: 10, maxDelayMs: 50, jitter: false },
        })
        const done = await tusUpload.upload(plan(dav, bytes, name, proxy.origin))
        const created = (await readdir(directory)).filter((f) => !f.endsWith('.json'))
        const stored = await Promise.all(created.map((f) => readFile(join(directory, f))))
        expect(stored.some((file) => file.equals(Buffer.from(bytes)))).toBe(true)
        return { done, statuses, upstream: proxy.upstreamBytes, connections: proxy.connections.length }
      } finally {
        await proxy.close()
      }
    }

    test('a connection dropped 2.5 MiB after it opened, mid-PATCH: resumed from the HEAD offset', async () => {
      const { done, statuses, upstream, connections } = await throughProxy(
        (proxy) => proxy.cut({ direction: 'upstream', afterBytes: 2.5 * MIB, connection: 1 }),
        'proxy-once.bin',
      )
      expect(done.resumes).toBe(1)
      expect(statuses).toContain('PATCH dropped')
      expect(statuses[statuses.indexOf('PATCH dropped') + 1]).toMatch(/^HEAD 200 \[offset \d+\]$/)
      expect(connections).toBeGreaterThanOrEqual(2)
      // Bytes on the wire: the file, the part of one chunk the server did not keep, and the heads.
      expect(upstream).toBeLessThan(SIZE + CHUNK + 64 * 1024)
    })

    test('connections dropped after 1.5 MiB each, with one retry allowed: each failure after progress goes on with a fresh budget', async () => {
      const { done, statuses, upstream } = await throughProxy(
        (proxy) => proxy.cut({ direction: 'upstream', afterBytes: 1.5 * MIB, connection: 'every' }),
        'proxy-every.bin',
        1,
      )
      const drops = statuses.filter((s) => s === 'PATCH dropped').length
      expect(drops).toBeGreaterThanOrEqual(2)
      expect(done.resumes).toBe(drops)
      expect(upstream).toBeLessThan(SIZE + drops * CHUNK)
    })
  })
})
