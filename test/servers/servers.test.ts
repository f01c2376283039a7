import { access } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApache } from './apache.ts'
import { skipReason } from './availability.ts'
import { litmusExpectations } from './litmus-expectations.ts'
import { allLitmusSuites, formatLitmusResults, runLitmus } from './litmus.ts'
import { serverNames, startServer } from './start-server.ts'
import type { RunningServer, ServerName } from './types.ts'

function title(name: ServerName | 'litmus', what: string): string {
  const reason = skipReason(name)
  return reason === undefined ? what : `${what} (skipped: ${reason})`
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

const propfindBody =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getcontentlength/><D:resourcetype/></D:prop></D:propfind>'

for (const name of serverNames) {
  describe.skipIf(skipReason(name) !== undefined)(title(name, name), () => {
    let server: RunningServer

    beforeAll(async () => {
      server = await startServer(name)
    })
    afterAll(async () => {
      await server?.stop()
    })

    it('binds 127.0.0.1 and answers OPTIONS with a DAV header', async () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const response = await fetch(server.url, { method: 'OPTIONS' })
      expect(response.ok).toBe(true)
      expect(response.headers.get('dav')).toMatch(/\b[12]\b/)
    })

    it('stores a PUT and describes it in a PROPFIND Depth 0', async () => {
      const put = await fetch(`${server.url}hello.txt`, { method: 'PUT', body: 'hello', headers: { 'Content-Type': 'text/plain' } })
      expect(put.status).toBe(201)
      const propfind = await fetch(`${server.url}hello.txt`, {
        method: 'PROPFIND',
        headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
        body: propfindBody,
      })
      expect(propfind.status).toBe(207)
      const body = await propfind.text()
      expect(body).toMatch(/<(\w+:)?href>[^<]*\/hello\.txt<\/(\w+:)?href>/)
      expect(body).toMatch(/<(\w+:)?getcontentlength>5<\/(\w+:)?getcontentlength>/)
      expect(body.match(/<(\w+:)?response[\s>]/g)).toHaveLength(1)
    })

    it.skipIf(skipReason('litmus') !== undefined)(title('litmus', 'passes the litmus tests it is known to pass'), async () => {
      const results = await runLitmus(server.url)
      process.stdout.write(`litmus against ${name}:\n${formatLitmusResults(results)}\n`)
      const observed = Object.fromEntries(
        results.map((result) => [
          result.suite,
          { run: result.run, passed: result.passed, failed: result.failures.map((failure) => failure.test) },
        ]),
      )
      expect(results.map((result) => result.suite)).toEqual(allLitmusSuites)
      for (const result of results) expect(result.failed).toBe(result.failures.length)
      expect(observed).toEqual(litmusExpectations[name])
    })

    it('removes its temporary directories on stop, and stop is idempotent', async () => {
      const other = await startServer(name)
      expect(await exists(other.dataDir)).toBe(true)
      await other.stop()
      await other.stop()
      expect(await exists(other.dataDir)).toBe(false)
      await expect(fetch(other.url, { method: 'OPTIONS' })).rejects.toThrow()
    })
  })
}

describe.skipIf(skipReason('apache') !== undefined)(title('apache', 'apache options'), () => {
  it('refuses PROPFIND Depth infinity by default, serves it with depthInfinity', async () => {
    const refusing = await startApache()
    const serving = await startApache({ depthInfinity: true })
    try {
      const refused = await fetch(refusing.url, { method: 'PROPFIND', headers: { Depth: 'infinity' } })
      expect(refused.status).toBe(403)
      const served = await fetch(serving.url, { method: 'PROPFIND', headers: { Depth: 'infinity' } })
      expect(served.status).toBe(207)
    } finally {
      await Promise.all([refusing.stop(), serving.stop()])
    }
  })
})

for (const name of ['apache', 'lighttpd', 'nginx'] as const) {
  describe.skipIf(skipReason(name) !== undefined)(title(name, `${name} with cors and basicAuth`), () => {
    it('answers CORS preflights without credentials and requires Basic auth for the rest', async () => {
      const server = await startServer(name, { cors: true, basicAuth: { username: 'alice', password: 's3cret' } })
      try {
        const origin = 'http://app.example'
        // lighttpd cannot echo the origin and allows any (see servers/lighttpd/cors.conf).
        const allowedOrigin = name === 'lighttpd' ? '*' : origin
        const preflight = await fetch(server.url, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'PROPFIND', 'Access-Control-Request-Headers': 'depth' },
        })
        expect(preflight.status).toBeGreaterThanOrEqual(200)
        expect(preflight.status).toBeLessThan(300)
        expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin)
        expect(preflight.headers.get('access-control-allow-methods')).toContain('PROPFIND')
        expect(preflight.headers.get('access-control-allow-headers')).toContain('Lock-Token')
        expect(preflight.headers.get('access-control-expose-headers')).toContain('ETag')

        const anonymous = await fetch(server.url, { method: 'PROPFIND', headers: { Depth: '0', Origin: origin } })
        expect(anonymous.status).toBe(401)
        expect(anonymous.headers.get('access-control-allow-origin')).toBe(allowedOrigin)
        const wrong = await fetch(server.url, {
          method: 'PROPFIND',
          headers: { Depth: '0', Authorization: `Basic ${btoa('alice:wrong')}` },
        })
        expect(wrong.status).toBe(401)
        const authorized = await fetch(server.url, {
          method: 'PROPFIND',
          headers: { Depth: '0', Authorization: `Basic ${btoa('alice:s3cret')}` },
        })
        expect(authorized.status).toBe(207)
      } finally {
        await server.stop()
      }
    })
  })
}

describe.skipIf(skipReason('rclone') !== undefined)(title('rclone', 'rclone with basicAuth'), () => {
  it('requires Basic auth, and refuses cors', async () => {
    await expect(startServer('rclone', { cors: true })).rejects.toThrow(/no CORS support/)
    const server = await startServer('rclone', { basicAuth: { username: 'alice', password: 's3cret' } })
    try {
      const anonymous = await fetch(server.url, { method: 'PROPFIND', headers: { Depth: '0' } })
      expect(anonymous.status).toBe(401)
      const authorized = await fetch(server.url, {
        method: 'PROPFIND',
        headers: { Depth: '0', Authorization: `Basic ${btoa('alice:s3cret')}` },
      })
      expect(authorized.status).toBe(207)
    } finally {
      await server.stop()
    }
  })
})
