import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDavServer } from '../src/index.ts'
import { send } from './support/dav-request.ts'

const METHODS = ['OPTIONS', 'GET', 'HEAD', 'PUT', 'DELETE', 'MKCOL', 'PROPFIND', 'PROPPATCH', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'REPORT']
const PATHS = ['/', '/a.txt', '/c/', '/c/m.txt', '/missing', '/c/%2e%2e/x', '/%ZZ', '/a%2Fb', '/c/n%C3%A9w']

/** Fragments that make request bodies almost-XML: valid pieces, broken pieces and hostile ones. */
const xmlPiece = fc.constantFrom(
  '<D:propfind xmlns:D="DAV:">',
  '<D:propertyupdate xmlns:D="DAV:">',
  '<D:lockinfo xmlns:D="DAV:">',
  '<D:sync-collection xmlns:D="DAV:">',
  '<D:prop>',
  '</D:prop>',
  '<D:set>',
  '<D:remove>',
  '<D:allprop/>',
  '<D:getetag/>',
  '<x:y xmlns:x="urn:x">v</x:y>',
  '<bar:foo xmlns:bar=""/>',
  '<!DOCTYPE a [<!ENTITY b "c">]>',
  '&b;',
  '&#0;',
  '<![CDATA[x]]>',
  '</D:propfind>',
  '<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>',
  '<D:sync-token>urn:x</D:sync-token><D:sync-level>1</D:sync-level>',
  '<D:limit><D:nresults>-1</D:nresults></D:limit>',
  '\u0000',
  '𝄞',
)

const headerValue = fc.constantFrom(
  '0',
  '1',
  'infinity',
  'bogus',
  '(<opaquelocktoken:x>)',
  '(Not <DAV:no-lock>)',
  '<http://dav.test/a.txt> (["x"])',
  '((',
  'http://dav.test/c/z',
  '/c/../../etc',
  'http://other.test/x',
  'T',
  'F',
  'Second-1, Infinite',
  'bytes=5-1',
  'bytes=-0',
  '*',
)

describe('robustness: any request gets an HTTP answer, never a crash', () => {
  it('answers random method, path, header and body combinations with a status a real server gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...PATHS),
        fc.dictionary(
          fc.constantFrom('Depth', 'If', 'Destination', 'Overwrite', 'Timeout', 'Lock-Token', 'Range', 'If-Match', 'If-None-Match'),
          headerValue,
          { maxKeys: 4 },
        ),
        fc.array(xmlPiece, { maxLength: 8 }).map((pieces) => pieces.join('')),
        async (method, path, headers, body) => {
          const dav = createDavServer({ seed: { 'a.txt': 'alpha', c: { 'm.txt': 'member' } }, quotaBytes: 100 })
          dav.lockAsOtherOwner('/c/m.txt', { depth: '0' })
          const options = method === 'GET' || method === 'HEAD' || body === '' ? { headers } : { headers, body }
          const response = await send(dav, method, path, options)
          // 502 (Destination elsewhere) and 507 (quota) are real servers' answers; 500 would be a crash of the fake.
          expect(
            response.status >= 200 && (response.status < 500 || response.status === 502 || response.status === 507),
            `${response.status}`,
          ).toBe(true)
          // The store stays inside its root and consistent with what can be listed.
          const listing = await send(dav, 'PROPFIND', '/', { headers: { Depth: 'infinity' } })
          expect(listing.status).toBe(207)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('robustness: locks held by someone else protect their resources', () => {
  const PATHS_TREE = ['/a.txt', '/c/', '/c/m.txt', '/c/d/', '/c/d/n.txt', '/e/', '/e/o.txt', '/new.txt', '/e/new/', '/']
  const request = fc.record({
    method: fc.constantFrom('PUT', 'DELETE', 'MOVE', 'COPY', 'PROPPATCH', 'MKCOL', 'LOCK'),
    path: fc.constantFrom(...PATHS_TREE),
    destination: fc.constantFrom(...PATHS_TREE),
    overwrite: fc.constantFrom('T', 'F'),
  })

  it('no sequence of requests without the token changes a locked subtree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/c', '/c/d', '/e/o.txt', '/a.txt'),
        fc.array(request, { minLength: 1, maxLength: 6 }),
        async (locked, requests) => {
          const dav = createDavServer({
            seed: { 'a.txt': 'alpha', c: { 'm.txt': 'member', d: { 'n.txt': 'nested' } }, e: { 'o.txt': 'other' } },
          })
          dav.lockAsOtherOwner(locked, { depth: 'infinity' })
          const before = dav.read(locked)?.kind === 'collection' ? JSON.stringify(dav.snapshot(locked)) : dav.read(locked)?.text
          for (const { method, path, destination, overwrite } of requests) {
            const body =
              method === 'PUT'
                ? 'changed'
                : method === 'PROPPATCH'
                  ? '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><X:p xmlns:X="urn:x">1</X:p></D:prop></D:set></D:propertyupdate>'
                  : method === 'LOCK'
                    ? '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>'
                    : undefined
            const response = await send(dav, method, path, {
              headers: { Destination: destination, Overwrite: overwrite },
              ...(body === undefined ? {} : { body }),
            })
            expect(response.status).toBeLessThan(500)
          }
          const after = dav.read(locked)
          expect(after, `${locked} disappeared`).toBeDefined()
          expect(after?.kind === 'collection' ? JSON.stringify(dav.snapshot(locked)) : after?.text).toBe(before)
          expect(after?.props).toEqual({})
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('robustness: a refused request changes nothing', () => {
  function dump(dav: ReturnType<typeof createDavServer>, path = '/'): string[] {
    const resource = dav.read(path)
    if (resource === undefined) return []
    const line = `${path} ${resource.etag} ${resource.text} ${JSON.stringify(resource.props)} ${resource.contentType ?? ''}`
    return [line, ...resource.members.flatMap((name) => dump(dav, `${path === '/' ? '' : path}/${name}`))]
  }

  it('leaves the store exactly as it was whenever the answer is 4xx or 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...PATHS),
        fc.dictionary(fc.constantFrom('Depth', 'If', 'Destination', 'Overwrite', 'Timeout', 'If-Match', 'If-None-Match'), headerValue, {
          maxKeys: 4,
        }),
        fc.array(xmlPiece, { maxLength: 8 }).map((pieces) => pieces.join('')),
        async (method, path, headers, body) => {
          const dav = createDavServer({ seed: { 'a.txt': 'alpha', c: { 'm.txt': 'member' } }, quotaBytes: 100 })
          dav.lockAsOtherOwner('/c/m.txt', { depth: '0' })
          const before = dump(dav)
          const options = method === 'GET' || method === 'HEAD' || body === '' ? { headers } : { headers, body }
          const response = await send(dav, method, path, options)
          if (response.status >= 400) expect(dump(dav)).toEqual(before)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('robustness: a successful COPY or MOVE carries the whole source', () => {
  const TREE_PATHS = ['/a.txt', '/c/', '/c/m.txt', '/c/d/', '/c/d/n.txt', '/e/', '/e/o.txt', '/x.txt', '/e/x/']
  const view = (dav: ReturnType<typeof createDavServer>, path: string): unknown =>
    dav.read(path)?.kind === 'collection' ? dav.snapshot(path) : { text: dav.read(path)?.text, props: dav.read(path)?.props }

  it('the destination then holds what the source held', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('COPY', 'MOVE'),
        fc.constantFrom(...TREE_PATHS),
        fc.constantFrom(...TREE_PATHS),
        fc.constantFrom('T', 'F'),
        async (method, from, to, overwrite) => {
          const dav = createDavServer({
            seed: { 'a.txt': 'alpha', c: { 'm.txt': 'member', d: { 'n.txt': 'nested' } }, e: { 'o.txt': 'other' } },
          })
          await send(dav, 'PROPPATCH', from, {
            body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><X:p xmlns:X="urn:x">v</X:p></D:prop></D:set></D:propertyupdate>',
          })
          const source = dav.exists(from) ? view(dav, from) : undefined
          const response = await send(dav, method, from, { headers: { Destination: to, Overwrite: overwrite } })
          if (response.status === 201 || response.status === 204) {
            expect(view(dav, to)).toEqual(source)
            expect(dav.exists(from)).toBe(method === 'COPY')
            // 204 means something was replaced, which Overwrite: F forbids.
            if (response.status === 204) expect(overwrite).toBe('T')
          } else expect([403, 404, 409, 412]).toContain(response.status)
        },
      ),
      { numRuns: 400 },
    )
  })
})
