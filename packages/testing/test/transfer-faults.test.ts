import { connect } from 'node:net'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDavServer, DavNetworkError, davHandlers, type DavServer } from '../src/index.ts'
import { listen } from '../src/node/index.ts'
import { send } from './support/dav-request.ts'

const SIZE = 200_000
const original = Uint8Array.from({ length: SIZE }, (_, index) => (index * 7 + 3) % 251)

function server(): DavServer {
  return createDavServer({ seed: { 'big.bin': original, docs: {} } })
}

/** Reads a body until it ends or fails, and says how many bytes came and whether it failed. */
async function drain(body: ReadableStream<Uint8Array> | null): Promise<{ bytes: Uint8Array; failure: unknown }> {
  const chunks: Uint8Array[] = []
  let failure: unknown
  try {
    for await (const chunk of body ?? []) chunks.push(chunk)
  } catch (error) {
    failure = error
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), failure }
}

describe('cutResponseBody (core)', () => {
  it.each([0, 1, 65_536, SIZE - 1])('delivers exactly %i bytes of the body, announced whole, then fails', async (cut) => {
    const dav = server()
    dav.faults.cutResponseBody(cut, { method: 'GET', path: '/big.bin' })
    const response = await send(dav, 'GET', '/big.bin')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe(String(SIZE))
    const { bytes, failure } = await drain(response.body)
    expect(failure).toBeInstanceOf(DavNetworkError)
    expect(bytes).toEqual(original.slice(0, cut))
    expect(dav.journal.last()?.fault).toBe(`response body cut after ${cut} bytes`)
    expect((await drain((await send(dav, 'GET', '/big.bin')).body)).bytes).toEqual(original)
  })

  it('cuts a ranged answer too, counting from the range start', async () => {
    const dav = server()
    dav.faults.cutResponseBody(10, { method: 'GET' })
    const response = await send(dav, 'GET', '/big.bin', { headers: { Range: 'bytes=1000-' } })
    expect(response.status).toBe(206)
    const { bytes, failure } = await drain(response.body)
    expect(failure).toBeInstanceOf(DavNetworkError)
    expect(bytes).toEqual(original.slice(1000, 1010))
  })

  it('leaves a body no longer than the cut whole', async () => {
    const dav = createDavServer({ seed: { 'a.txt': 'abc' } })
    dav.faults.cutResponseBody(3, { method: 'GET' })
    const { bytes, failure } = await drain((await send(dav, 'GET', '/a.txt')).body)
    expect(failure).toBeUndefined()
    expect(new TextDecoder().decode(bytes)).toBe('abc')
  })

  it('refuses a byte count that is not a whole number', () => {
    expect(() => server().faults.cutResponseBody(-1)).toThrow(RangeError)
    expect(() => server().faults.cutRequestBody(1.5)).toThrow(RangeError)
  })
})

describe('cutRequestBody (core)', () => {
  it('fails the request as a network error, and a plain PUT writes nothing', async () => {
    const dav = server()
    dav.faults.cutRequestBody(4, { method: 'PUT' })
    await expect(send(dav, 'PUT', '/docs/n.txt', { body: 'hello world' })).rejects.toBeInstanceOf(DavNetworkError)
    expect(dav.exists('/docs/n.txt')).toBe(false)
    const entry = dav.journal.last()
    expect(entry).toMatchObject({ status: 'network-error', body: 'hell', fault: 'request body cut after 4 bytes' })
    expect((await send(dav, 'PUT', '/docs/n.txt', { body: 'hello world' })).status).toBe(201)
  })

  it('lets a PUT whose whole body arrived write, though its answer is lost', async () => {
    const dav = server()
    dav.faults.cutRequestBody(100, { method: 'PUT' })
    await expect(send(dav, 'PUT', '/docs/n.txt', { body: 'short' })).rejects.toBeInstanceOf(DavNetworkError)
    expect(dav.read('/docs/n.txt')?.text).toBe('short')
  })

  it('keeps methods that do not carry content from acting on a cut body', async () => {
    const dav = server()
    dav.faults.cutRequestBody(30, { method: 'PROPPATCH' })
    const body =
      '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:x="urn:x"><D:set><D:prop><x:c>red</x:c></D:prop></D:set></D:propertyupdate>'
    await expect(send(dav, 'PROPPATCH', '/big.bin', { body })).rejects.toBeInstanceOf(DavNetworkError)
    expect(dav.read('/big.bin')?.props).toEqual({})
  })
})

describe('changeContent (core)', () => {
  it('replaces the file once the matching request is answered, with a new entity tag', async () => {
    const dav = server()
    const before = dav.read('/big.bin')?.etag
    dav.faults.changeContent('/big.bin', 'version two', { method: 'GET' })
    const first = await send(dav, 'GET', '/big.bin', { headers: { Range: 'bytes=0-9' } })
    expect(first.status).toBe(206)
    expect(first.headers.get('etag')).toBe(before)
    expect((await drain(first.body)).bytes).toEqual(original.slice(0, 10))
    const after = dav.read('/big.bin')
    expect(after?.text).toBe('version two')
    expect(after?.etag).not.toBe(before)
    // If-Range with the old tag: the whole new file, not a range of it.
    const resumed = await send(dav, 'GET', '/big.bin', { headers: { Range: 'bytes=10-', 'If-Range': String(before) } })
    expect(resumed.status).toBe(200)
    expect(await resumed.text()).toBe('version two')
    expect(dav.journal.entries[0]?.fault).toBe('content of /big.bin changed')
  })

  it('matches requests for its own path by default, and creates a missing file', async () => {
    const dav = server()
    dav.faults.changeContent('/docs/new.txt', 'made')
    await send(dav, 'PROPFIND', '/docs/', { headers: { Depth: '0' } })
    expect(dav.exists('/docs/new.txt')).toBe(false)
    await send(dav, 'GET', '/docs/new.txt')
    expect(dav.read('/docs/new.txt')?.text).toBe('made')
  })

  it('fires together with a cut on the same request', async () => {
    const dav = server()
    dav.faults.cutResponseBody(5, { method: 'GET' }).changeContent('/big.bin', 'v2', { method: 'GET' })
    const { failure } = await drain((await send(dav, 'GET', '/big.bin')).body)
    expect(failure).toBeInstanceOf(DavNetworkError)
    expect(dav.read('/big.bin')?.text).toBe('v2')
    expect(dav.journal.last()?.fault).toBe('response body cut after 5 bytes, content of /big.bin changed')
  })
})

describe('transfer faults through msw', () => {
  const dav = server()
  const mock = setupServer(...davHandlers(dav, 'https://cut.test'))
  beforeAll(() => mock.listen({ onUnhandledFrame: 'error' }))
  afterAll(() => mock.close())

  it('a cut answer reaches fetch as a body that fails after exactly N bytes', async () => {
    dav.faults.cutResponseBody(70_000, { method: 'GET' })
    const response = await fetch('https://cut.test/big.bin')
    expect(response.headers.get('content-length')).toBe(String(SIZE))
    const { bytes, failure } = await drain(response.body)
    expect(failure).toBeInstanceOf(Error)
    expect(bytes).toEqual(original.slice(0, 70_000))
  })

  it('a cut request body reaches fetch as a network failure', async () => {
    dav.faults.cutRequestBody(2, { method: 'PUT' })
    await expect(fetch('https://cut.test/docs/x.txt', { method: 'PUT', body: 'abcdef' })).rejects.toThrow(TypeError)
    expect(dav.exists('/docs/x.txt')).toBe(false)
  })
})

describe('transfer faults over real sockets', () => {
  const dav = server()
  let port = 0
  let close: () => Promise<void> = async () => {}
  beforeAll(async () => {
    const http = await listen(dav)
    port = http.port
    close = http.close
  })
  afterAll(() => close())

  it('a cut answer is the full length announced, N bytes, then a closed socket', async () => {
    dav.faults.cutResponseBody(100_000, { method: 'GET' })
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'))
      socket.on('data', (chunk: Buffer) => chunks.push(chunk))
      socket.on('close', () => resolve(Buffer.concat(chunks)))
      socket.on('error', reject)
    })
    const split = raw.indexOf('\r\n\r\n')
    const head = raw.subarray(0, split).toString('latin1')
    expect(head).toMatch(/^HTTP\/1\.1 200 /)
    expect(head.toLowerCase()).toContain(`content-length: ${SIZE}`)
    expect(new Uint8Array(raw.subarray(split + 4))).toEqual(original.slice(0, 100_000))
  })

  it('fetch sees the body fail mid-way, at 0 bytes too', async () => {
    for (const cut of [0, 12_345]) {
      dav.faults.cutResponseBody(cut, { method: 'GET' })
      const response = await fetch(`http://127.0.0.1:${port}/big.bin`)
      const { bytes, failure } = await drain(response.body)
      expect(failure).toBeInstanceOf(TypeError)
      expect(bytes).toEqual(original.slice(0, cut))
    }
  })

  it('a cut request body drops the connection, and a plain PUT writes nothing', async () => {
    dav.faults.cutRequestBody(3, { method: 'PUT' })
    await expect(fetch(`http://127.0.0.1:${port}/docs/y.txt`, { method: 'PUT', body: 'abcdef' })).rejects.toThrow(TypeError)
    expect(dav.exists('/docs/y.txt')).toBe(false)
  })
})

describe('faults on the same request', () => {
  it('a dropped request leaves the cut and the change for the next one', async () => {
    const dav = server()
    dav.faults.networkError({ method: 'GET' }).cutResponseBody(10, { method: 'GET' }).changeContent('/big.bin', 'v2', { method: 'GET' })
    await expect(send(dav, 'GET', '/big.bin')).rejects.toBeInstanceOf(DavNetworkError)
    expect(dav.read('/big.bin')?.content).toEqual(original)
    const { bytes, failure } = await drain((await send(dav, 'GET', '/big.bin')).body)
    expect(bytes).toEqual(original.slice(0, 10))
    expect(failure).toBeInstanceOf(DavNetworkError)
    expect(dav.read('/big.bin')?.text).toBe('v2')
  })
})

describe('If-Range', () => {
  it('holds for the strong entity tag or the exact Last-Modified, never for a weak tag', async () => {
    const dav = server()
    const stored = dav.read('/big.bin')
    const ranged = async (ifRange: string): Promise<number> =>
      (await send(dav, 'GET', '/big.bin', { headers: { Range: 'bytes=5-9', 'If-Range': ifRange } })).status
    expect(await ranged(String(stored?.etag))).toBe(206)
    expect(await ranged(`W/${String(stored?.etag)}`)).toBe(200)
    expect(await ranged(String(stored?.modified.toUTCString()))).toBe(206)
    expect(await ranged(new Date(0).toUTCString())).toBe(200)
  })
})
