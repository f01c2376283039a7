// The client decodes what the fake writes in every dialect the same way: each side has its own XML
// code, so a disagreement here is a bug in one of them.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDavClient, davProps } from '@davkit/client'
import { createDavServer, davHandlers, type DavDialect } from '../src/index.ts'

const DIALECTS: Record<string, DavDialect> = {
  default: {},
  'absolute hrefs': { hrefs: 'absolute' },
  'default namespace': { davPrefix: 'default' },
  'lower-case prefix': { davPrefix: 'd' },
  '404 first': { propstatOrder: 'not-found-first' },
  'no reason phrases': { reasonPhrases: false },
  everything: { hrefs: 'absolute', davPrefix: 'default', propstatOrder: 'not-found-first', reasonPhrases: false },
}
const seed = { docs: { 'a b.txt': 'alpha', 'ü.txt': 'umlaut', sub: {} } }
const servers = Object.entries(DIALECTS).map(([name, dialect], index) => ({
  name,
  origin: `https://dialect${index}.test`,
  dav: createDavServer({ dialect, seed, quotaBytes: 1000 }),
}))
const mock = setupServer(...servers.flatMap((server) => davHandlers(server.dav, server.origin)))
beforeAll(() => mock.listen({ onUnhandledFrame: 'error' }))
afterAll(() => mock.close())

describe.each(servers)('client against the fake, dialect: $name', ({ origin, dav }) => {
  it('decodes paths, sizes, etags, collections and 404s the same way', async () => {
    const client = createDavClient({ baseUrl: `${origin}/`, retry: false })
    const listing = await client.propfind('docs/', {
      depth: 1,
      props: { size: davProps.getcontentlength, etag: davProps.getetag, type: davProps.resourcetype, used: davProps.quotaUsedBytes },
    })
    const byPath = new Map(listing.resources.map((resource) => [resource.href.path, resource.props]))
    expect([...byPath.keys()].sort()).toEqual(['/docs/', '/docs/a b.txt', '/docs/sub/', '/docs/ü.txt'].sort())
    const file = byPath.get('/docs/a b.txt')
    expect(file?.size).toMatchObject({ kind: 'value', value: 5 })
    expect(file?.etag.kind).toBe('value')
    expect(JSON.stringify(file?.etag)).toContain(JSON.stringify(dav.read('/docs/a b.txt')?.etag.slice(1, -1)))
    expect(file?.used).toMatchObject({ kind: 'failed', status: { code: 404 } })
    expect(byPath.get('/docs/')?.used).toMatchObject({ kind: 'value', value: { kind: 'bytes', bytes: 11 } })
    expect(byPath.get('/docs/sub/')?.size).toMatchObject({ kind: 'failed', status: { code: 404 } })
  })
})
