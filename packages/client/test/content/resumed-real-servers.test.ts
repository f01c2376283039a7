// Resumed GETs against real servers on loopback, through a proxy that drops connections after a
// number of bytes: the file read back must equal the one on disk, and a file replaced on disk
// between the cut and the resume must fail typed or be read again whole, never spliced.
import { randomBytes } from 'node:crypto'
import { renameSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { startCuttingProxy, type CuttingProxy } from '../../../../test/support/cutting-proxy.ts'
import { skipReason, startServer, type RunningServer, type ServerName } from '../../../../test/servers/index.ts'
import { ContentChangedError, createDavClient, createDavFiles, type DavClient } from '../../src/index.ts'

const SIZE = 6 * 1024 * 1024
const CUT_AFTER = 1024 * 1024
const servers: readonly ServerName[] = ['apache', 'nginx', 'lighttpd', 'rclone']
// lighttpd 1.4's mod_webdav answers a GET with neither ETag nor Last-Modified (its PROPFIND has
// getetag), and answers 200 to any If-Range: nothing can be resumed there without risking a splice,
// and a change cannot be seen.
const withoutValidators: ReadonlySet<ServerName> = new Set(['lighttpd'])

/** What each answer to a GET said, for the record of how the server resumes. */
interface SeenAnswer {
  readonly path: string
  readonly range: string | null
  readonly ifRange: string | null
  readonly status: number
  readonly etag: string | null
  readonly contentRange: string | null
}

/**
 * Replaces a file on disk the way an editor saving it does: a new file renamed over the old, so an
 * answer already being sent keeps reading the old one. Its time is set in the past, where servers
 * give a strong validator (Apache's ETag is weak for a file changed within the last second).
 */
function replaceOnDisk(path: string, content: Uint8Array, secondsAgo: number): void {
  const temporary = `${path}.tmp`
  writeFileSync(temporary, content)
  const when = new Date(Date.now() - secondsAgo * 1000)
  utimesSync(temporary, when, when)
  renameSync(temporary, path)
}

for (const name of servers) {
  const reason = skipReason(name)
  describe.skipIf(reason !== undefined)(`resumed GET on ${name}${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
    let server: RunningServer
    let proxy: CuttingProxy
    let dav: DavClient
    const seen: SeenAnswer[] = []
    const original = new Uint8Array(randomBytes(SIZE))

    beforeAll(async () => {
      server = await startServer(name)
      proxy = await startCuttingProxy(server.url)
      const fetchAndRecord = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        const request = new Request(input, init)
        const response = await globalThis.fetch(request)
        if (request.method === 'GET') {
          const header = (key: string): string | null => response.headers.get(key)
          seen.push({
            path: new URL(request.url).pathname,
            range: request.headers.get('range'),
            ifRange: request.headers.get('if-range'),
            status: response.status,
            etag: header('etag'),
            contentRange: header('content-range'),
          })
        }
        return response
      }
      dav = createDavClient({
        baseUrl: proxy.through(server.url),
        retry: { retries: 3, minDelayMs: 10, maxDelayMs: 50 },
        fetch: fetchAndRecord,
      })
    })
    afterEach(() => proxy?.clearCuts())
    afterAll(async () => {
      await proxy?.close()
      await server?.stop()
    })

    if (withoutValidators.has(name)) {
      test('without a validator: not resumable; a stream fails, a read whole starts over', async () => {
        replaceOnDisk(join(server.dataDir, 'plain.bin'), original, 3600)
        proxy.cut({ afterBytes: CUT_AFTER })
        const got = await dav.get('plain.bin', { as: 'stream', resume: true })
        if (got.kind !== 'full') throw new Error(`unexpected ${got.kind}`)
        expect(got.resume).toEqual({ resumable: false, reason: 'no-validator' })
        await expect(new Response(got.data).arrayBuffer()).rejects.toMatchObject({ code: 'transport' })
        proxy.cut({ afterBytes: CUT_AFTER })
        const bytes = await createDavFiles(dav).readBytes('plain.bin')
        expect(Buffer.compare(bytes, original)).toBe(0)
        // The stream's one GET, then the read's: cut, and read again from the start.
        expect(seen.filter((answer) => answer.path === '/plain.bin').map((answer) => answer.range)).toEqual([null, null, null])
      })
    } else {
      test('a multi-megabyte file read through connections dropped every megabyte equals the original', async () => {
        replaceOnDisk(join(server.dataDir, 'big.bin'), original, 3600)
        proxy.cut({ afterBytes: CUT_AFTER, connection: 'every' })
        const got = await dav.get('big.bin', { as: 'stream', resume: true })
        if (got.kind !== 'full') throw new Error(`unexpected ${got.kind}`)
        expect(got.resume).toMatchObject({ resumable: true, validator: { kind: 'etag' } })
        const read = new Uint8Array(await new Response(got.data).arrayBuffer())
        proxy.clearCuts()
        expect(read.byteLength).toBe(SIZE)
        expect(Buffer.compare(read, original)).toBe(0)
        const cut = proxy.connections.filter((connection) => connection.cut === 'downstream').length
        expect(cut).toBeGreaterThanOrEqual(5)
        // Bytes that crossed the proxy: the file once, plus the answers' heads.
        expect(proxy.downstreamBytes / SIZE).toBeLessThan(1.01)
      })

      test('a file replaced on disk between the cut and the resume fails with ContentChangedError', async () => {
        const path = join(server.dataDir, 'changing.bin')
        replaceOnDisk(path, original, 3600)
        proxy.cut({ afterBytes: CUT_AFTER, connection: 'every' })
        const got = await dav.get('changing.bin', { as: 'stream', resume: true })
        if (got.kind !== 'full') throw new Error(`unexpected ${got.kind}`)
        const reader = got.data.getReader()
        const first = await reader.read()
        let delivered = first.value?.byteLength ?? 0
        replaceOnDisk(path, new Uint8Array(randomBytes(SIZE)), 60)
        let failure: unknown
        try {
          for (let next = await reader.read(); !next.done; next = await reader.read()) {
            // What came before the failure is the old version, byte for byte.
            expect(Buffer.compare(next.value, original.subarray(delivered, delivered + next.value.byteLength))).toBe(0)
            delivered += next.value.byteLength
          }
        } catch (error) {
          failure = error
        }
        expect(failure).toBeInstanceOf(ContentChangedError)
        const changed = failure as ContentChangedError
        expect(changed.delivered).toBe(delivered)
        expect(changed.delivered).toBeLessThan(SIZE)
        expect(changed.found).not.toBe(changed.expected.value)
        expect(['changed', 'range-mismatch']).toContain(changed.reason)
      })

      test("with onChange 'restart', a file replaced on disk mid-read is read again whole", async () => {
        const path = join(server.dataDir, 'restarting.bin')
        replaceOnDisk(path, original, 3600)
        const replacement = new Uint8Array(randomBytes(SIZE / 2))
        proxy.cut({ afterBytes: CUT_AFTER, connection: 'every' })
        let replaced = false
        const bytes = await createDavFiles(dav).readBytes('restarting.bin', {
          onProgress: () => {
            if (replaced) return
            replaced = true
            replaceOnDisk(path, replacement, 60)
          },
        })
        expect(Buffer.compare(bytes, replacement)).toBe(0)
      })
    }
  })
}
