import { beforeAll, describe, expect, it } from 'vitest'
import { cellsOf, rowStarting, runDemo, type DemoRun } from './run-demo.ts'

/** The rows of the section whose title starts with `title`, up to the next section. */
function section(output: string, title: RegExp): string {
  const lines = output.split('\n')
  const start = lines.findIndex((line) => title.test(line))
  if (start < 0) throw new Error(`no section ${String(title)} in:\n${output}`)
  const end = lines.findIndex((line, index) => index > start && /^\d+\. /.test(line))
  return lines.slice(start, end < 0 ? undefined : end).join('\n')
}

/** How often each three-digit status code occurs in `output` as a word of its own (not a duration in ms). */
function statusCounts(output: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const [code] of output.matchAll(/(?<=^|\s)[1-5]\d\d(?=\s|$)(?!\s*ms\b)/gm)) counts.set(code, (counts.get(code) ?? 0) + 1)
  return counts
}

describe('pnpm demo in an 80-column terminal', () => {
  it('fits every line in 80 columns and keeps every status of the wide output', async () => {
    const [narrow, wide] = await Promise.all([runDemo({ COLUMNS: '' }), runDemo({ COLUMNS: '200' })])
    expect(narrow.code).toBe(0)
    expect(narrow.stdout.split('\n').filter((line) => line.length > 80)).toEqual([])
    expect(wide.stdout.split('\n').some((line) => line.length > 80)).toBe(true)
    expect(statusCounts(narrow.stdout)).toEqual(statusCounts(wide.stdout))
    expect(statusCounts(narrow.stdout).get('404')).toBeGreaterThan(10)
  }, 60_000)
})

describe('pnpm demo against the embedded fake server', () => {
  let run: DemoRun

  beforeAll(async () => {
    // Wide enough for every table to keep one line per row, which the tests below parse.
    run = await runDemo({ COLUMNS: '200' })
  }, 60_000)

  it('exits 0 and writes no colour when stdout is not a terminal', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('embedded fake server (@davkit/testing) at http://127.0.0.1:')
    expect(run.stdout).not.toMatch(/\u001b\[/)
  })

  it('lists the tree with typed values: numbers, dates, entity tags and dead properties', () => {
    const listing = section(run.stdout, /^\d+\. List the tree/)
    const readme = rowStarting(listing, 'project/README.md')
    // path, type, length, date, etag, displayname, demo:status, demo:priority
    expect(readme[0]).toBe('project/README.md')
    expect(readme[1]).toBe('file')
    expect(readme[2]).toBe(String(new TextEncoder().encode('# Project\n\nA small tree built by the davkit demo.\n').byteLength))
    expect(readme[3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(readme[4]).toMatch(/^(W\/)?"[^"]+"$/)
    expect(readme.slice(5)).toEqual(['"Read me first"', '"draft"', '2'])
    const docs = rowStarting(listing, 'project/docs/')
    expect(docs.slice(0, 3)).toEqual(['project/docs/', 'collection', '404 Not Found'])
    const notes = rowStarting(listing, 'project/docs/notes.txt')
    expect(notes.slice(-2)).toEqual(['404 Not Found', '404 Not Found'])
  })

  it('reports the failing PROPPATCH as atomic: 403 with its condition, 424 for the others, nothing applied', () => {
    const atomic = section(run.stdout, /^\d+\. PROPPATCH that fails atomically/)
    expect(atomic).toMatch(/Result: rejected: nothing was applied \(PROPPATCH is atomic\); 1 instruction\(s\) failed/)
    const rows = atomic
      .split('\n')
      .filter((line) => line.trimStart().startsWith('project/README.md'))
      .map(cellsOf)
    expect(rows).toEqual([
      ['project/README.md', 'demo:status', 'set', 'not applied (dependency)', '424 Failed Dependency'],
      ['project/README.md', 'D:getetag', 'set', 'FAILED', '403 Forbidden', 'cannot-modify-protected-property'],
      ['project/README.md', 'demo:priority', 'remove', 'not applied (dependency)', '424 Failed Dependency'],
    ])
    expect(atomic).toContain('Check: demo:status is "draft" and demo:priority is 2 after it: nothing was applied')
  })

  it('reports the 423 member of the partial COPY and MOVE with lock-token-submitted and its href', () => {
    const transfers = section(run.stdout, /^\d+\. COPY and MOVE/)
    expect(transfers).toContain('COPY project/ -> backup/ (a first copy, nothing locked): created (HTTP 201)')
    expect(transfers).toMatch(
      /COPY project\/ -> backup\/ \(Overwrite: T, backup\/docs\/notes.txt locked\): partial \(HTTP 207\): 1 member\(s\) failed/,
    )
    expect(transfers).toMatch(/MOVE project\/ -> moved\/ \(project\/docs\/notes.txt locked\): partial \(HTTP 207\): 1 member\(s\) failed/)
    expect(rowStarting(transfers, 'backup/docs/notes.txt', '423 Locked')).toEqual([
      'backup/docs/notes.txt',
      '423 Locked',
      'lock-token-submitted [backup/docs/notes.txt]',
    ])
    expect(rowStarting(transfers, 'project/docs/notes.txt', '423 Locked')).toEqual([
      'project/docs/notes.txt',
      '423 Locked',
      'lock-token-submitted [project/docs/notes.txt]',
    ])
    // The fake server moves what it can: the locked member stays behind.
    expect(rowStarting(transfers, 'moved/README.md')).toEqual(['moved/README.md', 'exists'])
    expect(rowStarting(transfers, 'project/docs/notes.txt', 'exists')).toEqual(['project/docs/notes.txt', 'exists'])
  })

  it('uploads over TUS and reads back through a dropped connection each, the bytes read back the bytes sent', () => {
    const transfers = section(run.stdout, /^\d+\. Transfers that survive a dropped connection/)
    const upload = rowStarting(transfers, 'archive.bin', 'tus')
    expect(upload.slice(0, 4)).toEqual(['archive.bin', 'tus', 'detected', String(3 * 1024 * 1024 + 123)])
    expect(upload[5]).toBe('1')
    // The upload went on from the offset the server said it held, never from what had been sent.
    const held = /HEAD\s+holds (\d+)/.exec(transfers)?.[1]
    expect(held).toBeDefined()
    expect(transfers).toMatch(new RegExp(`PATCH\\s+Upload-Offset: ${held}\\s+204`))
    expect(rowStarting(transfers, 'archive.bin', 'yes (etag)')).toEqual(['archive.bin', 'yes (etag)', String(3 * 1024 * 1024 + 123), 'yes'])
    expect(transfers).toMatch(/GET\s+bytes=\d+-\s+206/)
  })

  it('cleans up after itself', () => {
    expect(run.stdout).toMatch(
      /Released 2 lock\(s\), deleted davkit-demo-[\dT]+-[0-9a-f]{4}\/: PROPFIND now answers 404, the folder is gone/,
    )
  })
})

describe('pnpm demo configuration and failures', () => {
  it('refuses a DAV_URL that is not a URL, with exit code 2', async () => {
    const run = await runDemo({ DAV_URL: 'not a url' })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('DAV_URL is not an absolute URL')
  })

  it('exits 1 on an unreachable server without printing the password', async () => {
    const run = await runDemo({ DAV_URL: 'http://127.0.0.1:9/dav/', DAV_USERNAME: 'alice', DAV_PASSWORD: 'hunter2-secret' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Server: http://127.0.0.1:9/dav/ (Basic as alice)')
    expect(run.stderr).toMatch(/unexpected error: \w+Error: /)
    expect(run.stdout + run.stderr).not.toContain('hunter2-secret')
  })
})
