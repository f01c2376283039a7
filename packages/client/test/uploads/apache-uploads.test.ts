// Uploads against Apache mod_dav: its DAV header shows mod_dav_fs, so ranged PUT is detected and
// used; a chunk cut mid-body leaves on disk the bytes that arrived, and the upload resumes from the
// length a HEAD reports. Skipped (with the reason) when Apache is not installed, except in CI.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { skipReason, startApache, type RunningServer } from '../../../../test/servers/index.ts'
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
    expect(new Uint8Array(await onDisk('big.bin'))).toEqual(bytes)
    expect(progress).toHaveLength(7)
    expect(progress.at(-1)).toBe(bytes.byteLength)
  })

  test('a stream of unknown size (Content-Range total *), and a file from disk replacing a longer one', async () => {
    const bytes = pattern(2_500_000)
    await files.upload('s.bin', streamOf(bytes, 100_000), { chunkSize: 1024 * 1024 })
    expect(new Uint8Array(await onDisk('s.bin'))).toEqual(bytes)
    const shorter = pattern(1_500_000).reverse()
    await files.upload('shorter.bin', shorter)
    const source = await fileSource(join(server.dataDir, 'shorter.bin'))
    expect(await files.upload('s.bin', source, { chunkSize: 1024 * 1024 })).toMatchObject({ size: 1_500_000 })
    expect(new Uint8Array(await onDisk('s.bin'))).toEqual(shorter)
  })

  test('a chunk cut mid-body: Apache keeps what arrived, and the upload resumes from there', async () => {
    const ranges: string[] = []
    const chunk = 1024 * 1024
    const cutting = createDavFiles(createDavClient({ baseUrl: server.url, retry: RETRY, fetch: cuttingFetch(2, 300_000, ranges) }))
    const bytes = pattern(4 * chunk + 5)
    const done = await cutting.upload('cut.bin', bytes, { chunkSize: chunk })
    expect(new Uint8Array(await onDisk('cut.bin'))).toEqual(bytes)
    expect(done).toMatchObject({ mechanism: 'ranged-put', resumes: 1 })
    // The second ranged PUT (bytes 2 MiB on) was cut; the next one starts where Apache's file ended.
    const resumedAt = Number(/^bytes (\d+)-/.exec(ranges[2] ?? '')?.[1])
    console.log(`Apache kept ${resumedAt - 2 * chunk} of the 300000 bytes sent before the cut; ranges: ${ranges.join(', ')}`)
    expect(resumedAt).toBeGreaterThan(2 * chunk)
    expect(resumedAt).toBeLessThanOrEqual(2 * chunk + 300_000)
    expect(done.bytesSent).toBeLessThan(bytes.byteLength + chunk)
  })
})
