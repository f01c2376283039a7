/**
 * Runs every example in examples/ the way its README says, against the fake server of
 * @davkit/testing, from the workspace sources (the `@davkit/source` condition).
 */
import { createDavClient, type DavClient } from '@davkit/client'
import { createDavServer, type DavServer, type SnapshotTree } from '@davkit/testing'
import { listen, type ListeningDavServer } from '@davkit/testing/node'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listFolder } from '../../examples/browser-page/list-folder.ts'
import type { DavkitExampleGlobals } from '../../examples/browser-page/page.ts'
import { bundleExamplePage, startExamplePage } from '../../examples/browser-page/serve.ts'
import { createMirror, syncMirror, type Mirror } from '../../examples/sync-loop/mirror.ts'
import { describeRun, runNode } from './run-node.ts'

const sourceCondition = '--conditions=@davkit/source'

let listening: ListeningDavServer | undefined

afterEach(async () => {
  await listening?.close()
  listening = undefined
})

async function serve(server: DavServer): Promise<string> {
  listening = await listen(server)
  return listening.url
}

/** A server's files as `{ '/notes/a.txt': 'text' }`, to compare with a mirror. */
function flatten(tree: SnapshotTree, prefix = '/'): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [name, value] of Object.entries(tree)) {
    if (typeof value === 'string') files[`${prefix}${name}`] = value
    else Object.assign(files, flatten(value, `${prefix}${name}/`))
  }
  return files
}

function contents(mirror: Mirror): Record<string, string> {
  return Object.fromEntries([...mirror.files].map(([path, file]) => [path, file.content]))
}

describe('examples/node-script', () => {
  const script = 'examples/node-script/list-folder.ts'

  it('lists a folder with typed properties', async () => {
    const server = createDavServer({
      seed: { Documents: { 'report.txt': 'yearly report', 'with space.md': '# hi', photos: {} } },
      now: () => new Date('2026-01-02T03:04:05Z'),
    })
    const url = await serve(server)
    const run = await runNode([sourceCondition, script, 'Documents/'], { env: { ...process.env, DAV_URL: url } })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}/))
    expect(lines).toEqual([
      ['folder', '-', '2026-01-02T03:04:05.000Z', '/Documents/'],
      ['file', '13 B', '2026-01-02T03:04:05.000Z', '/Documents/report.txt'],
      ['file', '4 B', '2026-01-02T03:04:05.000Z', '/Documents/with space.md'],
      ['folder', '-', '2026-01-02T03:04:05.000Z', '/Documents/photos/'],
    ])
    expect(server.journal.methods()).toEqual(['PROPFIND'])
  })

  it('shows a refused or undecodable property as such, never as a value', async () => {
    // A server that reports a size davkit cannot read and refuses the modification date.
    const body = `<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:"><d:response><d:href>/odd.txt</d:href>
<d:propstat><d:prop><d:resourcetype/><d:getcontentlength>12kB</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
<d:propstat><d:prop><d:getlastmodified/></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat>
</d:response></d:multistatus>`
    const server = createServer((request, response) => {
      request.resume()
      response.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' }).end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const run = await runNode([sourceCondition, script], { env: { ...process.env, DAV_URL: `http://127.0.0.1:${port}/` } })
      expect(run.exitCode, describeRun(run)).toBe(0)
      expect(run.stdout.trim().split(/\s{2,}/)).toEqual(['file', expect.stringMatching(/^\(invalid: .+\)$/), '(403)', '/odd.txt'])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('exits 1 with the error code when the request fails as a whole', async () => {
    const url = await serve(createDavServer())
    const run = await runNode([sourceCondition, script, 'missing/'], { env: { ...process.env, DAV_URL: url } })
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/^http-status: PROPFIND \S+\/missing\/: 404/)
  })

  it('exits 2 without DAV_URL', async () => {
    const env = { ...process.env }
    delete env.DAV_URL
    const run = await runNode([sourceCondition, script], { env })
    expect(run.exitCode, describeRun(run)).toBe(2)
    expect(run.stderr).toContain('Set DAV_URL')
  })
})

describe('examples/sync-loop', () => {
  /** A client whose requests go to whatever `current()` is at the time (no socket). */
  function clientOf(current: () => DavServer): DavClient {
    return createDavClient({
      baseUrl: 'http://dav.test/',
      fetch: (input, init) => current().handle(new Request(input, init)),
      retry: false,
    })
  }

  it('full sync, nothing new, changes and removals, then a refused token and a full resync', async () => {
    let server = createDavServer({ seed: { notes: { 'a.txt': 'alpha', 'b.txt': 'beta', deep: { 'c.txt': 'gamma' } } } })
    const dav = clientOf(() => server)
    const mirror = createMirror()

    const first = await syncMirror(dav, 'notes/', mirror)
    expect(first).toMatchObject({ kind: 'full', tokenRefused: false, removed: [], requests: 1 })
    expect([...first.downloaded].sort()).toEqual(['/notes/a.txt', '/notes/b.txt', '/notes/deep/c.txt'])
    expect(contents(mirror)).toEqual(flatten(server.snapshot('/notes'), '/notes/'))
    expect(mirror.token).toMatch(/\S/)

    const quiet = await syncMirror(dav, 'notes/', mirror)
    expect(quiet).toEqual({ kind: 'incremental', tokenRefused: false, downloaded: [], removed: [], requests: 1 })

    const other = clientOf(() => server)
    await other.put('notes/a.txt', 'alpha, edited')
    await other.put('notes/deep/d.txt', 'delta')
    await other.delete('notes/b.txt')
    server.journal.clear()
    const changes = await syncMirror(dav, 'notes/', mirror)
    expect(changes).toMatchObject({ kind: 'incremental', tokenRefused: false, removed: ['/notes/b.txt'] })
    expect([...changes.downloaded].sort()).toEqual(['/notes/a.txt', '/notes/deep/d.txt'])
    // Only the changed files were downloaded.
    expect(server.journal.methods()).toEqual(['REPORT', 'GET', 'GET'])
    expect(contents(mirror)).toEqual(flatten(server.snapshot('/notes'), '/notes/'))

    // The server is replaced (restored from a backup): it does not know the token.
    server = createDavServer({ seed: { notes: { 'a.txt': 'alpha (restored)', 'e.txt': 'epsilon' } } })
    const resync = await syncMirror(dav, 'notes/', mirror)
    expect(resync).toMatchObject({ kind: 'full', tokenRefused: true, requests: 2 })
    expect([...resync.downloaded].sort()).toEqual(['/notes/a.txt', '/notes/e.txt'])
    expect([...resync.removed].sort()).toEqual(['/notes/deep/c.txt', '/notes/deep/d.txt'])
    expect(contents(mirror)).toEqual({ '/notes/a.txt': 'alpha (restored)', '/notes/e.txt': 'epsilon' })
  })

  it('follows the pages of a truncated answer', async () => {
    const seed: Record<string, string> = {}
    for (let i = 0; i < 7; i += 1) seed[`f${i}.txt`] = `file ${i}`
    const server = createDavServer({ seed: { box: seed } })
    const dav = clientOf(() => server)
    const mirror = createMirror()
    const report = await syncMirror(dav, 'box/', mirror, { pageSize: 3 })
    expect(report.requests).toBeGreaterThan(1)
    expect(contents(mirror)).toEqual(flatten(server.snapshot('/box'), '/box/'))
  })

  it('main.ts prints each round against a server over HTTP', async () => {
    const url = await serve(createDavServer({ seed: { notes: { 'a.txt': 'alpha', 'b.txt': 'beta' } } }))
    const run = await runNode([sourceCondition, 'examples/sync-loop/main.ts', 'notes/'], {
      env: { ...process.env, DAV_URL: url, ROUNDS: '2', SYNC_INTERVAL_MS: '0' },
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.stdout).toBe(
      [
        'round 1: full sync, 2 files',
        '  downloaded /notes/a.txt',
        '  downloaded /notes/b.txt',
        'round 2: incremental sync, 2 files',
        '',
      ].join('\n'),
    )
  })
})

describe('examples/consumer-vitest', () => {
  it("the consumer's vitest suite passes, run as its README says", { timeout: 90_000 }, async () => {
    let report: { numTotalTests: number; numPassedTests: number; testResults: { name: string }[] }
    const dir = await mkdtemp(join(tmpdir(), 'davkit-consumer-vitest-'))
    try {
      const output = join(dir, 'report.json')
      const run = await runNode(
        ['node_modules/vitest/vitest.mjs', 'run', '--root', 'examples/consumer-vitest', '--reporter=json', `--outputFile=${output}`],
        { env: { ...process.env, NO_COLOR: '1' } },
      )
      expect(run.exitCode, describeRun(run)).toBe(0)
      report = JSON.parse(await readFile(output, 'utf8')) as typeof report
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect(report.numTotalTests).toBeGreaterThanOrEqual(5)
    expect(report.numPassedTests).toBe(report.numTotalTests)
    expect(report.testResults.map((file) => file.name)).toEqual([
      expect.stringMatching(/examples\/consumer-vitest\/test\/notes\.test\.ts$/),
    ])
  })
})

describe('examples/browser-page', () => {
  const expectedRoot = [
    { name: 'Documents', kind: 'folder', size: null, modified: '2026-01-02T03:04:05.000Z' },
    { name: 'a b.txt', kind: 'file', size: 5, modified: '2026-01-02T03:04:05.000Z' },
  ]
  const seed = { Documents: { 'x.txt': 'x' }, 'a b.txt': 'hello' }
  const now = (): Date => new Date('2026-01-02T03:04:05Z')

  it('bundles for browsers with esbuild (no Node built-ins), and the bundle lists a folder', async () => {
    const bundle = await bundleExamplePage()
    expect(bundle).not.toMatch(/from\s*["']node:/)
    // The client and the fake server with msw, unminified: a guard against a dependency pulled in by mistake.
    expect(bundle.length).toBeLessThan(450_000)
    const url = await serve(createDavServer({ seed, now }))
    // Outside a page the bundle only publishes its function: run it as a browser test would.
    await import(`data:text/javascript;base64,${Buffer.from(bundle).toString('base64')}`)
    const globals = globalThis as unknown as { davkitExample?: DavkitExampleGlobals['davkitExample'] }
    try {
      expect(await globals.davkitExample?.listFolder(url, '')).toEqual(expectedRoot)
    } finally {
      delete globals.davkitExample
    }
  })

  it('listFolder gives plain rows, folders first', async () => {
    const url = await serve(createDavServer({ seed, now }))
    expect(await listFolder(url, '')).toEqual(expectedRoot)
    expect(await listFolder(url, 'Documents')).toEqual([{ name: 'x.txt', kind: 'file', size: 1, modified: '2026-01-02T03:04:05.000Z' }])
  })

  it('serve.ts serves the page, its script and a fake server on another origin that allows it', async () => {
    const page = await startExamplePage()
    try {
      const html = await (await fetch(page.pageUrl)).text()
      expect(html).toContain('<script type="module" src="./page.js"></script>')
      const script = await fetch(new URL('/page.js', page.pageUrl))
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
      expect(await script.text()).toContain('davkitExample')
      const pageOrigin = new URL(page.pageUrl).origin
      expect(new URL(page.davUrl).origin).not.toBe(pageOrigin)
      expect(new URL(page.pageUrl).searchParams.get('server')).toBe(page.davUrl)
      const preflight = await fetch(page.davUrl, {
        method: 'OPTIONS',
        headers: { origin: pageOrigin, 'access-control-request-method': 'PROPFIND', 'access-control-request-headers': 'depth' },
      })
      expect(preflight.headers.get('access-control-allow-origin')).toBe(pageOrigin)
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PROPFIND')
    } finally {
      await page.close()
    }
  })
})
