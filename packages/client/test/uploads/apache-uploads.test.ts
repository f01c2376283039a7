// Uploads against Apache mod_dav: its DAV header shows mod_dav_fs, so ranged PUT is detected and
// used; a chunk cut mid-body leaves on disk the bytes that arrived, and the upload resumes from the
// length a HEAD reports. Skipped (with the reason) when Apache is not installed, except in CI.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { skipReason, startApache, type RunningServer } from '../../../../test/servers/index.ts'
import { startCuttingProxy } from '../../../../test/support/cutting-proxy.ts'
import { createDavClient, createDavFiles, type DavFiles } from '../../src/index.ts'
import { fileSource } from '../../src/node/index.ts'
import { pattern, RETRY, streamOf } from './upload-setup.ts'

const reason = skipReason('apache')

/** A `fetch` that cuts the `nth` ranged PUT after `afterBytes` bytes of its body: the connection drops mid-body. */
function cuttingFetch(nth: number, afterBytes: number, ranges: string[]): typeof fetch {
  let ranged = 0
  return async (input, init) => {
    const request = new Request(input, init)
    const range = request.headers.get('content-range')
    if (range !== null) ranges.push(range)
    if (range === null || ++ranged !== nth || request.body === null) return fetch(request)
    const reader = request.body.getReader()
    let passed = 0
    const cut = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await reader.read()
        if (next.done) return controller.close()
        const room = afterBytes - passed
        if (next.value.byteLength >= room) {
          controller.enqueue(next.value.subarray(0, room))
          // Let the bytes reach the socket before the connection drops.
          await new Promise((resolve) => setTimeout(resolve, 200))
          controller.error(new Error('connection cut by the test'))
          return
        }
        passed += next.value.byteLength
        controller.enqueue(next.value)
      },
    })
    return fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: cut,
      duplex: 'half',
      signal: request.signal,
    } as RequestInit)
  }
}

describe.skipIf(reason !== undefined)(`uploads on Apache mod_dav${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningServer
  let files: DavFiles

  beforeAll(async () => {
    server = await startApache({})
    files = createDavFiles(createDavClient({ baseUrl: server.url, retry: RETRY }))
  })
  afterAll(async () => {
    await server?.stop()
  })

  const onDisk = (name: string) => readFile(join(server.dataDir, name))

  test('ranged PUT is detected from the DAV header and writes a multi-MB file byte-identical', async () => {
    const options = await files.client.options('')
    expect(options.compliance).toContain('<http://apache.org/dav/propset/fs/1>')
    const bytes = pattern(6 * 1024 * 1024 + 123)
    const progress: number[] = []
    const done = await files.upload('big.bin', bytes, { chunkSize: 1024 * 1024, onProgress: (p) => progress.push(p.loaded) })
    expect(done).toMatchObject({
      mechanism: 'ranged-put',
      choice: 'detected',
      size: bytes.byteLength,
      bytesSent: bytes.byteLength,
      resumes: 0,
    })
    expect(Buffer.from(await onDisk('big.bin')).equals(bytes)).toBe(true)
    expect(progress).toHaveLength(7)
    expect(progress.at(-1)).toBe(bytes.byteLength)
  })

  test('a stream of unknown size (Content-Range total *), and a file from disk replacing a longer one', async () => {
    const bytes = pattern(2_500_000)
    await files.upload('s.bin', streamOf(bytes, 100_000), { chunkSize: 1024 * 1024 })
    expect(Buffer.from(await onDisk('s.bin')).equals(bytes)).toBe(true)
    const shorter = pattern(1_500_000).reverse()
    await files.upload('shorter.bin', shorter)
    const source = await fileSource(join(server.dataDir, 'shorter.bin'))
    expect(await files.upload('s.bin', source, { chunkSize: 1024 * 1024 })).toMatchObject({ size: 1_500_000 })
    expect(Buffer.from(await onDisk('s.bin')).equals(shorter)).toBe(true)
  })

  test('under Digest authentication: a chunk refused for its credentials is sent again with the answer to the challenge', async () => {
    const guarded = await startApache({ digestAuth: { username: 'uploader', password: 'secret-pass' } })
    try {
      const client = createDavClient({ baseUrl: guarded.url, retry: RETRY, auth: { username: 'uploader', password: 'secret-pass' } })
      const bytes = pattern(3 * 1024 * 1024 + 7)
      const done = await createDavFiles(client).upload('d.bin', bytes, { chunkSize: 1024 * 1024 })
      // Apache answers OPTIONS without credentials, so the first chunk goes with Basic, meets the
      // Digest challenge (401), and is sent once more: counted in bytesSent.
      expect(done).toMatchObject({
        mechanism: 'ranged-put',
        choice: 'detected',
        size: bytes.byteLength,
        bytesSent: bytes.byteLength + 1024 * 1024,
      })
      expect(Buffer.from(await readFile(join(guarded.dataDir, 'd.bin'))).equals(bytes)).toBe(true)
    } finally {
      await guarded.stop()
    }
  })

  test('a chunk cut mid-body: Apache keeps what arrived, and the upload resumes from there', async () => {
    const ranges: string[] = []
    const chunk = 1024 * 1024
    const cutting = createDavFiles(createDavClient({ baseUrl: server.url, retry: RETRY, fetch: cuttingFetch(2, 300_000, ranges) }))
    const bytes = pattern(4 * chunk + 5)
    const done = await cutting.upload('cut.bin', bytes, { chunkSize: chunk })
    expect(Buffer.from(await onDisk('cut.bin')).equals(bytes)).toBe(true)
    expect(done).toMatchObject({ mechanism: 'ranged-put', resumes: 1 })
    // The second ranged PUT (bytes 2 MiB on) was cut; the next one starts where Apache's file ended.
    const resumedAt = Number(/^bytes (\d+)-/.exec(ranges[2] ?? '')?.[1])
    console.log(`Apache kept ${resumedAt - 2 * chunk} of the 300000 bytes sent before the cut; ranges: ${ranges.join(', ')}`)
    expect(resumedAt).toBeGreaterThan(2 * chunk)
    expect(resumedAt).toBeLessThanOrEqual(2 * chunk + 300_000)
    expect(done.bytesSent).toBeLessThan(bytes.byteLength + chunk)
  })

  test('three connections dropped mid-chunk by a TCP proxy: resumed each time from what Apache holds, byte-identical', async () => {
    const proxy = await startCuttingProxy(server.url)
    try {
      const chunk = 1024 * 1024
      const bytes = pattern(8 * chunk + 5)
      // The first connection drops after 30% of the file went up it; each resume (its HEAD) arms a
      // drop half a chunk into the connections opened next, until three were dropped.
      proxy.cut({ direction: 'upstream', afterBytes: Math.round(0.3 * bytes.byteLength), connection: 'every' })
      const requests: string[] = []
      let heads = 0
      const logging: typeof fetch = async (input, init) => {
        const request = new Request(input, init)
        requests.push(`${request.method} ${request.headers.get('content-range') ?? ''}`.trim())
        if (request.method === 'HEAD') {
          proxy.clearCuts()
          if (++heads < 3) proxy.cut({ direction: 'upstream', afterBytes: chunk / 2, connection: 'every' })
        }
        return fetch(request)
      }
      const through = createDavFiles(createDavClient({ baseUrl: proxy.through(server.url), retry: RETRY, fetch: logging }))
      const done = await through.upload('proxied.bin', bytes, { chunkSize: chunk })
      expect(Buffer.from(await onDisk('proxied.bin')).equals(bytes)).toBe(true)
      console.log(`through the proxy: ${JSON.stringify(done)}; requests: ${requests.join(', ')}`)
      expect(done).toMatchObject({ mechanism: 'ranged-put', resumes: 3, size: bytes.byteLength })
      expect(proxy.connections.filter((c) => c.cut === 'upstream')).toHaveLength(3)
      // Each resumed write starts where Apache's file ended, inside the chunk that was cut.
      const resumedAt = requests.flatMap((r, i) =>
        requests[i - 1] === 'HEAD' && i < requests.length - 1 ? [Number(/bytes (\d+)-/.exec(r)?.[1])] : [],
      )
      expect(resumedAt.filter((offset) => offset % chunk !== 0).length).toBeGreaterThanOrEqual(2)
      // Sent again: what was in flight at each drop and did not reach the disk, under a chunk each time.
      expect(done.bytesSent).toBeLessThan(bytes.byteLength + 3 * chunk)
      expect(proxy.upstreamBytes).toBeGreaterThan(bytes.byteLength)
    } finally {
      await proxy.close()
    }
  })
})
