import type { PropertyResult } from '@davkit/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipReason, startServer, type RunningServer, type ServerName } from '../../../../test/servers/index.ts'
import { decodeMultiStatus } from '../../src/multistatus/decode-multistatus.ts'
import { davProps, decodeProperties, formatEntityTag, isCollection } from '../../src/properties/index.ts'

// The built-in codecs against what real servers on loopback send (skipped, saying why, when a
// server is not installed; never skipped in CI).

const allProps =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop>' +
  '<D:resourcetype/><D:displayname/><D:getcontentlength/><D:getcontenttype/><D:getcontentlanguage/>' +
  '<D:getetag/><D:getlastmodified/><D:creationdate/><D:lockdiscovery/><D:supportedlock/>' +
  '<D:quota-available-bytes/><D:quota-used-bytes/><D:current-user-principal/><D:sync-token/>' +
  '</D:prop></D:propfind>'

const lockBody =
  '<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>' +
  '<D:locktype><D:write/></D:locktype><D:owner><D:href>mailto:codecs@davkit.test</D:href></D:owner></D:lockinfo>'

async function propfind(url: string): Promise<ReturnType<typeof decodeProperties<typeof davProps>>> {
  const response = await fetch(url, {
    method: 'PROPFIND',
    headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
    body: allProps,
  })
  expect(response.status).toBe(207)
  const multistatus = decodeMultiStatus(await response.text(), { requestUrl: url })
  const [resource] = multistatus.responses
  if (resource?.kind !== 'propstat') throw new Error(`expected one propstat response, got ${resource?.kind}`)
  return decodeProperties(davProps, resource.properties)
}

/** The kind of each outcome; `invalid` ones carry their problem so a failure says what was refused. */
function kinds(results: Readonly<Record<string, PropertyResult<unknown>>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(results).map(([key, result]) => [key, result.kind === 'invalid' ? `invalid: ${result.problem}` : result.kind]),
  )
}

/** The servers that lock, and the owner text each reports back (lighttpd answers an empty DAV:owner). */
const lockOwnerText: ReadonlyMap<ServerName, string> = new Map([
  ['apache', 'mailto:codecs@davkit.test'],
  ['lighttpd', ''],
])

for (const name of ['apache', 'lighttpd', 'nginx', 'rclone'] as const) {
  const reason = skipReason(name)
  describe.skipIf(reason !== undefined)(`davProps on ${name}${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
    let server: RunningServer
    const started = Date.now()

    beforeAll(async () => {
      server = await startServer(name)
      const put = await fetch(`${server.url}hello.txt`, { method: 'PUT', body: 'hello', headers: { 'Content-Type': 'text/plain' } })
      expect(put.status).toBe(201)
    })
    afterAll(async () => {
      await server?.stop()
    })

    it('decodes every property the server reports for a file, refusing none', async () => {
      const props = await propfind(`${server.url}hello.txt`)
      expect(Object.values(kinds(props)).filter((kind) => kind.startsWith('invalid'))).toEqual([])
      expect(props.getcontentlength).toMatchObject({ kind: 'value', value: 5 })
      expect(isCollection(props.resourcetype)).toBe(false)
      if (props.getetag.kind === 'value') {
        const head = await fetch(`${server.url}hello.txt`, { method: 'HEAD' })
        const header = head.headers.get('etag')
        // The tag of the property and the ETag header name the same representation.
        if (header !== null)
          expect(formatEntityTag(props.getetag.value)).toBe(header.startsWith('W/') || header.startsWith('"') ? header : `"${header}"`)
      }
      expect(props.getlastmodified.kind).toBe('value')
      if (props.getlastmodified.kind === 'value') {
        expect(Math.abs(props.getlastmodified.value.getTime() - started)).toBeLessThan(5 * 60_000)
      }
    })

    it('decodes the root as a collection', async () => {
      const props = await propfind(server.url)
      expect(Object.values(kinds(props)).filter((kind) => kind.startsWith('invalid'))).toEqual([])
      expect(isCollection(props.resourcetype)).toBe(true)
    })

    it.runIf(lockOwnerText.has(name))(
      `decodes the active lock after a LOCK${lockOwnerText.has(name) ? '' : ` (skipped: ${name} is not among the servers whose lock owner is known)`}`,
      async () => {
        const url = `${server.url}hello.txt`
        const lock = await fetch(url, {
          method: 'LOCK',
          headers: { 'Content-Type': 'application/xml; charset=utf-8', Timeout: 'Second-600', Depth: '0' },
          body: lockBody,
        })
        expect(lock.status).toBe(200)
        const token = lock.headers.get('lock-token')?.replace(/^<|>$/g, '')
        try {
          const props = await propfind(url)
          expect(props.lockdiscovery.kind).toBe('value')
          if (props.lockdiscovery.kind !== 'value') return
          const [active, ...others] = props.lockdiscovery.value
          expect(others).toEqual([])
          expect(active).toMatchObject({ scope: 'exclusive', type: 'write', depth: '0', token })
          expect(active?.owner?.text).toBe(lockOwnerText.get(name))
          expect(active?.timeout?.kind).toBe('seconds')
          if (active?.timeout?.kind === 'seconds') expect(active.timeout.seconds).toBeLessThanOrEqual(600)
          expect(props.supportedlock.kind).toBe('value')
          if (props.supportedlock.kind === 'value') expect(props.supportedlock.value).toContainEqual({ scope: 'exclusive', type: 'write' })
        } finally {
          if (token !== undefined) await fetch(url, { method: 'UNLOCK', headers: { 'Lock-Token': `<${token}>` } })
        }
      },
    )
  })
}
