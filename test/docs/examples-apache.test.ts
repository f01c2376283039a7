/**
 * The Node script and the browser page's listing against a real server: Apache httpd with
 * mod_dav on 127.0.0.1, behind Basic authentication. Skips (with the reason) when Apache is not
 * installed; in CI it must run.
 */
import { createDavClient } from '@davkit/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listFolder } from '../../examples/browser-page/list-folder.ts'
import { startApache } from '../servers/apache.ts'
import { skipReason } from '../servers/availability.ts'
import type { RunningServer } from '../servers/types.ts'
import { describeRun, runNode } from './run-node.ts'

const reason = skipReason('apache')
const credentials = { username: 'example-user', password: 'example-pass-5d1e' }

describe.skipIf(reason !== undefined)(`examples against Apache mod_dav${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startApache({ basicAuth: credentials })
    const dav = createDavClient({ baseUrl: server.url, auth: credentials })
    expect((await dav.mkcol('Documents')).kind).toBe('created')
    expect((await dav.mkcol('Documents/photos')).kind).toBe('created')
    expect((await dav.put('Documents/report.txt', 'yearly report')).kind).toBe('created')
    expect((await dav.put('Documents/with space & more.md', '# hi')).kind).toBe('created')
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('node-script lists the folder with Basic auth, and never prints the password', async () => {
    const run = await runNode(['--conditions=@davkit/source', 'examples/node-script/list-folder.ts', 'Documents/'], {
      env: { ...process.env, DAV_URL: server.url, DAV_USERNAME: credentials.username, DAV_PASSWORD: credentials.password },
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}/))
    const byPath = new Map(rows.map((row) => [row.at(-1), row]))
    expect(byPath.get('/Documents/')?.[0]).toBe('folder')
    expect(byPath.get('/Documents/photos/')?.[0]).toBe('folder')
    expect(byPath.get('/Documents/report.txt')?.slice(0, 2)).toEqual(['file', '13 B'])
    expect(byPath.get('/Documents/with space & more.md')?.slice(0, 2)).toEqual(['file', '4 B'])
    expect(rows).toHaveLength(4)
    expect(run.stdout + run.stderr).not.toContain(credentials.password)
  })

  it('node-script without credentials exits 1 with the 401, credentials absent from the message', async () => {
    const run = await runNode(['--conditions=@davkit/source', 'examples/node-script/list-folder.ts', 'Documents/'], {
      env: { ...process.env, DAV_URL: server.url, DAV_USERNAME: '', DAV_PASSWORD: '' },
    })
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(/^http-status: PROPFIND \S+: 401/)
  })

  it("the browser page's listFolder gives the same rows (run in Node)", async () => {
    const url = new URL(server.url)
    url.username = credentials.username
    url.password = credentials.password
    const rows = await listFolder(url.href, 'Documents')
    expect(rows.map(({ name, kind, size }) => ({ name, kind, size }))).toEqual([
      { name: 'photos', kind: 'folder', size: null },
      { name: 'report.txt', kind: 'file', size: 13 },
      { name: 'with space & more.md', kind: 'file', size: 4 },
    ])
  })
})
