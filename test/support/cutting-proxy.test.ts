import { createServer, type Server } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCuttingProxy, type CuttingProxy } from './cutting-proxy.ts'

const SIZE = 300_000
const payload = Buffer.from(Uint8Array.from({ length: SIZE }, (_, index) => (index * 13) % 256))
let origin = ''
let server: Server
let received: number[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    let length = 0
    request.on('data', (chunk: Buffer) => (length += chunk.byteLength))
    request.on('end', () => {
      received.push(length)
      response.writeHead(200, { 'content-length': SIZE, connection: 'close' }).end(payload)
    })
    request.on('error', () => received.push(length))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no address')
  origin = `http://127.0.0.1:${address.port}`
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

/** Sends raw bytes through the proxy and collects everything that comes back until the socket closes. */
function exchange(proxy: CuttingProxy, request: string | Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(proxy.port, '127.0.0.1', () => socket.write(request))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => {})
    socket.on('close', () => resolve(Buffer.concat(chunks)))
  })
}

const get = 'GET /file HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'

describe('cutting proxy', () => {
  it('forwards whole exchanges untouched and counts bytes both ways', async () => {
    const proxy = await startCuttingProxy(`${origin}/`)
    try {
      const answer = await exchange(proxy, get)
      expect(answer.subarray(answer.indexOf('\r\n\r\n') + 4)).toEqual(payload)
      expect(proxy.upstreamBytes).toBe(Buffer.byteLength(get))
      expect(proxy.downstreamBytes).toBe(answer.byteLength)
      expect(proxy.connections).toMatchObject([{ index: 1, cut: undefined }])
      expect(proxy.through(`${origin}/a/b?c=1`)).toBe(`${proxy.origin}/a/b?c=1`)
    } finally {
      await proxy.close()
    }
  })

  it.each([1, 1000, 120_000])('cuts downstream after exactly %i bytes', async (cut) => {
    const proxy = await startCuttingProxy(origin)
    try {
      proxy.cut({ afterBytes: cut })
      const answer = await exchange(proxy, get)
      expect(answer.byteLength).toBe(cut)
      expect(proxy.downstreamBytes).toBe(cut)
      expect(proxy.connections[0]?.cut).toBe('downstream')
      // The next connection is not cut.
      expect((await exchange(proxy, get)).byteLength).toBeGreaterThan(SIZE)
    } finally {
      await proxy.close()
    }
  })

  it('cuts upstream: the server gets only the first bytes of the body', async () => {
    const proxy = await startCuttingProxy(origin)
    try {
      received = []
      const body = Buffer.alloc(50_000, 7)
      const head = `PUT /up HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.byteLength}\r\n\r\n`
      proxy.cut({ direction: 'upstream', afterBytes: Buffer.byteLength(head) + 20_000 })
      const answer = await exchange(proxy, Buffer.concat([Buffer.from(head), body]))
      expect(answer.byteLength).toBe(0)
      expect(proxy.upstreamBytes).toBe(Buffer.byteLength(head) + 20_000)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(received).toEqual([20_000])
    } finally {
      await proxy.close()
    }
  })

  it('cuts a chosen connection, or every one', async () => {
    const proxy = await startCuttingProxy(origin)
    try {
      proxy.cut({ afterBytes: 10, connection: 2 })
      const sizes = [(await exchange(proxy, get)).byteLength, (await exchange(proxy, get)).byteLength]
      expect(sizes[0]).toBeGreaterThan(SIZE)
      expect(sizes[1]).toBe(10)
      proxy.cut({ afterBytes: 500, connection: 'every' })
      for (let round = 0; round < 3; round++) expect((await exchange(proxy, get)).byteLength).toBe(500)
      proxy.clearCuts()
      expect((await exchange(proxy, get)).byteLength).toBeGreaterThan(SIZE)
      expect(proxy.connections.map((record) => record.cut)).toEqual([
        undefined,
        'downstream',
        'downstream',
        'downstream',
        'downstream',
        undefined,
      ])
    } finally {
      await proxy.close()
    }
  })
})
