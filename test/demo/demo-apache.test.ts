import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApache } from '../servers/apache.ts'
import { skipReason } from '../servers/availability.ts'
import type { RunningServer } from '../servers/types.ts'
import { cellsOf, rowStarting, runDemo, type DemoRun } from './run-demo.ts'

const reason = skipReason('apache')
const credentials = { username: 'demo-user', password: 'demo-pass-7f3c' }

describe.skipIf(reason !== undefined)(
  `pnpm demo with DAV_URL on Apache mod_dav${reason === undefined ? '' : ` (skipped: ${reason})`}`,
  () => {
    let server: RunningServer
    let run: DemoRun
    let leftInDataDir: string[]

    beforeAll(async () => {
      server = await startApache({ basicAuth: credentials })
      run = await runDemo({ DAV_URL: server.url, DAV_USERNAME: credentials.username, DAV_PASSWORD: credentials.password, COLUMNS: '200' })
      leftInDataDir = await readdir(server.dataDir)
    }, 120_000)
    afterAll(async () => {
      await server?.stop()
    })

    it('runs the whole session and exits 0', () => {
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`Server: ${server.url} (Basic as ${credentials.username})`)
      expect(run.stdout).not.toContain(credentials.password)
    })

    it('shows the typed listing and the atomic PROPPATCH failure as Apache reports them', () => {
      const readme = rowStarting(run.stdout, 'project/README.md', 'file')
      expect(readme.slice(-3)).toEqual(['"Read me first"', '"draft"', '2'])
      expect(run.stdout).toMatch(/Result: rejected: nothing was applied \(PROPPATCH is atomic\)/)
      expect(rowStarting(run.stdout, 'project/README.md', 'D:getetag').slice(2, 4)).toEqual(['set', 'FAILED'])
      expect(run.stdout).toContain('Check: demo:status is "draft" and demo:priority is 2 after it: nothing was applied')
    })

    it('reports the locked member of the COPY and of the MOVE with 423', () => {
      expect(rowStarting(run.stdout, 'backup/docs/notes.txt', '423 Locked').slice(0, 2)).toEqual(['backup/docs/notes.txt', '423 Locked'])
      expect(rowStarting(run.stdout, 'project/docs/notes.txt', '423 Locked').slice(0, 2)).toEqual(['project/docs/notes.txt', '423 Locked'])
    })

    it('uploads by ranged PUT, detected from the DAV header of Apache, and reads the file back whole', () => {
      expect(rowStarting(run.stdout, 'archive.bin', 'ranged-put').slice(0, 3)).toEqual(['archive.bin', 'ranged-put', 'detected'])
      // Read back at once: Apache's ETag is weak for a file changed within the last second, so the
      // download says it could not resume, and reads the file whole.
      const readBack = run.stdout
        .split('\n')
        .map(cellsOf)
        .find((cells) => cells[0] === 'archive.bin' && cells.length === 4)
      expect(readBack?.slice(2)).toEqual([String(3 * 1024 * 1024 + 123), 'yes'])
    })

    it('removes its temporary folder: nothing is left on the server', () => {
      expect(run.stdout).toMatch(/deleted davkit-demo-[\dT]+-[0-9a-f]{4}\/: PROPFIND now answers 404, the folder is gone/)
      expect(leftInDataDir).toEqual([])
    })
  },
)
