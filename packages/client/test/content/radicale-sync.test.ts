// sync-collection (RFC 6578) against a real server: Radicale on 127.0.0.1, on a CardDAV address
// book. Skipped, with the reason, when Radicale is not installed (outside CI).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDavClient, davProps, type DavClient } from '../../src/index.ts'
import { radicaleMissing, startRadicale, type RunningRadicale } from './radicale.ts'

const reason = radicaleMissing()
const props = { etag: davProps.getetag }

function vcard(uid: string, name: string): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `FN:${name}`, `N:${name};;;;`, 'END:VCARD', ''].join('\r\n')
}

describe.skipIf(reason !== undefined)(`Radicale sync-collection${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningRadicale
  let dav: DavClient

  beforeAll(async () => {
    server = await startRadicale()
    dav = createDavClient({ baseUrl: server.url, retry: false })
    expect((await dav.mkcol('alice')).kind).toBe('created')
    // An address book needs an extended MKCOL (RFC 5689) body, which MKCOL here does not send: use the pipeline.
    const made = await dav.pipeline.send({
      method: 'MKCOL',
      url: new URL('alice/book/', server.url),
      body:
        '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>' +
        '<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype></D:prop></D:set></D:mkcol>',
    })
    expect(made.status).toBe(201)
  })
  afterAll(async () => {
    await server?.stop()
  })

  test('initial sync, then changes and removals since the token, then nothing', async () => {
    for (const [uid, name] of [
      ['a', 'Alice'],
      ['b', 'Bob'],
    ] as const) {
      expect((await dav.put(`alice/book/${uid}.vcf`, vcard(uid, name), { contentType: 'text/vcard' })).kind).toBe('created')
    }
    const first = await dav.syncCollection('alice/book/', { props })
    if (first.kind !== 'changes') throw new Error(first.kind)
    expect(first.token).toMatch(/^http:\/\/radicale.org\/ns\/sync\//)
    expect(first.changed.map((r) => r.href.path).sort()).toEqual(['/alice/book/a.vcf', '/alice/book/b.vcf'])
    for (const member of first.changed) expect(member.props.etag.kind).toBe('value')
    expect(first.removed).toEqual([])
    expect(first.truncated).toBe(false)

    // Radicale answers 201 to an update as well: the result says what the server said.
    expect((await dav.put('alice/book/a.vcf', vcard('a', 'Alice Changed'), { contentType: 'text/vcard' })).status).toBe(201)
    expect((await dav.put('alice/book/c.vcf', vcard('c', 'Carol'), { contentType: 'text/vcard' })).kind).toBe('created')
    expect((await dav.delete('alice/book/b.vcf')).kind).toBe('deleted')
    const second = await dav.syncCollection('alice/book/', { props, token: first.token })
    if (second.kind !== 'changes') throw new Error(second.kind)
    expect(second.changed.map((r) => r.href.path).sort()).toEqual(['/alice/book/a.vcf', '/alice/book/c.vcf'])
    expect(second.removed.map((h) => h.path)).toEqual(['/alice/book/b.vcf'])
    expect(second.token).not.toBe(first.token)

    const third = await dav.syncCollection('alice/book/', { props, token: second.token })
    expect(third).toMatchObject({ kind: 'changes', changed: [], removed: [], truncated: false })
  })

  test('a token Radicale does not know is invalid-token with valid-sync-token', async () => {
    const result = await dav.syncCollection('alice/book/', { props, token: 'http://radicale.org/ns/sync/0000' })
    expect(result.kind).toBe('invalid-token')
    if (result.kind === 'invalid-token') {
      expect(result.status).toBe(403)
      expect(result.error?.conditions.map((c) => c.name.local)).toEqual(['valid-sync-token'])
    }
  })
})
