/**
 * The browser suite shared by every cross-origin WebDAV server: the client in headless Chromium
 * (PROPFIND, PROPPATCH, COPY with Overwrite, MOVE with Destination), LOCK/PUT with If/UNLOCK
 * through the page's fetch with the headers they need read back, and, against a server without
 * CORS, the client's error (fast, typed, not a hang).
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { useTestPage } from './test-page.ts'

/** A scenario takes well under a second; a busy machine gets slack. */
const pageTimeoutMs = 60_000

const entry = fileURLToPath(new URL('./pages/real-server.page.ts', import.meta.url))

async function put(baseUrl: string, path: string, content: string): Promise<void> {
  const response = await fetch(new URL(path, baseUrl), { method: 'PUT', body: content })
  if (!response.ok) throw new Error(`seeding ${path}: PUT answered ${response.status}`)
}

/** A WebDAV server on 127.0.0.1, started for the suite. */
export interface CrossOriginServer {
  /** The DAV root, ending with `/`. */
  readonly url: string
  stop(): Promise<void>
}

/** Two empty servers of one kind: one answering CORS for WebDAV, one without CORS. */
export interface CrossOriginServers {
  readonly withCors: CrossOriginServer
  readonly withoutCors: CrossOriginServer
}

/**
 * The suite every cross-origin WebDAV server must pass with the client in Chromium: the page is
 * served from one port of 127.0.0.1 and the servers listen on others. The servers are seeded
 * with `a.txt` (`hello`) and `b.txt` (`world!`) over HTTP. `skip` is the reason to skip, if any.
 */
export function describeCrossOriginServer(title: string, skip: string | undefined, startServers: () => Promise<CrossOriginServers>): void {
  describe.skipIf(skip !== undefined)(skip === undefined ? title : `${title} (skipped: ${skip})`, () => {
    let withCors: CrossOriginServer | undefined
    let withoutCors: CrossOriginServer | undefined
    const open = useTestPage(entry, {
      prepare: async () => {
        const servers = await startServers()
        withCors = servers.withCors
        withoutCors = servers.withoutCors
        for (const server of [servers.withCors, servers.withoutCors]) {
          await put(server.url, 'a.txt', 'hello')
          await put(server.url, 'b.txt', 'world!')
        }
      },
      cleanUp: async () => {
        await withCors?.stop()
        await withoutCors?.stop()
      },
    })

    function serverUrl(server: CrossOriginServer | undefined): string {
      // Throws why the setup failed, if it did.
      open()
      if (server === undefined) throw new Error('the server did not start (see beforeAll)')
      return server.url
    }

    test('the page and the server are on different origins', () => {
      expect(new URL(serverUrl(withCors)).origin).not.toBe(open().server.origin)
    })

    test(
      'PROPFIND Depth 1 lists the collection, with sizes and entity tags',
      async () => {
        const result = (await open().run('listing', { baseUrl: serverUrl(withCors) })) as {
          status: number
          resources: { path: string }[]
        }
        expect(result.status).toBe(207)
        expect([...result.resources].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
          { path: '/', size: 'failed', etag: 'value' },
          { path: '/a.txt', size: 5, etag: 'value' },
          { path: '/b.txt', size: 6, etag: 'value' },
        ])
      },
      pageTimeoutMs,
    )

    test(
      'PROPPATCH sets a dead property that PROPFIND reads back',
      async () => {
        expect(await open().run('proppatchThenRead', { baseUrl: serverUrl(withCors) })).toEqual({
          patch: 'applied',
          readBack: 'blue',
        })
      },
      pageTimeoutMs,
    )

    test(
      'COPY with Overwrite: F (created, then 412), then MOVE with Destination',
      async () => {
        const result = (await open().run('copyAndMove', { baseUrl: serverUrl(withCors) })) as { paths: string[] }
        expect(result).toMatchObject({ copied: 'created', copiedAgain: 'precondition-failed', moved: 'created' })
        expect([...result.paths].sort()).toEqual(['/', '/a.txt', '/b.txt', '/moved.txt'])
      },
      pageTimeoutMs,
    )

    test(
      'LOCK with Timeout, PUT with If, UNLOCK with Lock-Token; Lock-Token, ETag and DAV are readable',
      async () => {
        const result = await open().run('lockHeaders', { baseUrl: serverUrl(withCors) })
        expect(result).toMatchObject({
          lock: 200,
          lockToken: 'a coded URL',
          putWithout: 423,
          unlock: 204,
          content: 'locked by me',
          etag: 'readable',
        })
        expect((result as { putWithIf: number }).putWithIf).toBeGreaterThanOrEqual(200)
        expect((result as { putWithIf: number }).putWithIf).toBeLessThan(300)
        expect((result as { dav: string | null }).dav).toMatch(/\b1\b.*\b2\b/)
      },
      pageTimeoutMs,
    )

    test(
      'without CORS the client rejects quickly with a TransportError, not a hang',
      async () => {
        const result = (await open().run('withoutCors', { baseUrl: serverUrl(withoutCors) })) as {
          outcome: string
          elapsedMs: number
          error: { name: string; code: string; message: string; causes: string[] }
        }
        console.log(`Without CORS the client reports: ${JSON.stringify(result)}`)
        expect(result.outcome).toBe('rejected')
        expect(result.error).toMatchObject({ name: 'TransportError', code: 'transport' })
        expect(result.error.message).not.toBe('')
        expect(result.elapsedMs).toBeLessThan(10_000)
      },
      pageTimeoutMs,
    )
  })
}
