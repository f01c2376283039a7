/**
 * The standalone functions and the client's methods give the same results and the same errors:
 * each scenario runs twice, against two fake servers seeded alike with a fixed clock (Digest auth
 * on), once through `createDavConnection` and the functions, once through `createDavClient`.
 */
import { describe, expect, test } from 'vitest'
// @davkit/testing is imported by path: it depends on @davkit/client, so a dependency back would be a cycle.
import { createDavServer, type DavServer } from '../../../testing/src/index.ts'
import {
  copy,
  createDavClient,
  createDavConnection,
  davDisplayName,
  davGetContentLength,
  davGetEtag,
  davGetLastModified,
  deleteResource,
  DepthRefusedError,
  get,
  HttpStatusError,
  InvalidRequestError,
  lock,
  mkcol,
  move,
  options,
  propfind,
  propfindEach,
  proppatch,
  put,
  refreshLock,
  setProperty,
  syncCollection,
  unlock,
  type DavClient,
  type DavConnection,
} from '../../src/index.ts'
import { handleAbortably } from '../content/fake-server.ts'

const ORIGIN = 'https://dav.test'
const NOW = new Date('2026-03-01T12:00:00Z')
const USERS = { alice: 'wonder land' }

/** A fresh server seeded as every other, with the `fetch` that reaches it in-process. */
function serverFor(dialect: Parameters<typeof createDavServer>[0] = {}): { server: DavServer; fetch: typeof fetch; baseUrl: string } {
  const server = createDavServer({
    now: () => NOW,
    auth: { users: USERS },
    seed: { Documents: { 'a.txt': 'alpha', 'b.md': '# b' }, notes: {} },
    ...dialect,
  })
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => handleAbortably(server, new Request(input, init))
  return { server, fetch, baseUrl: `${ORIGIN}${server.basePath}` }
}

/** Runs `functional` against one fresh server and `method` against another, and gives both outcomes (a result or an error). */
async function both<T>(
  functional: (dav: DavConnection) => Promise<T>,
  method: (dav: DavClient) => Promise<T>,
  dialect?: Parameters<typeof createDavServer>[0],
): Promise<{ functional: Outcome<T>; method: Outcome<T> }> {
  const a = serverFor(dialect)
  const connection = createDavConnection(a.baseUrl, { username: 'alice', password: USERS.alice, fetch: a.fetch, retry: false })
  const b = serverFor(dialect)
  const client = createDavClient(b.baseUrl, { username: 'alice', password: USERS.alice, fetch: b.fetch, retry: false })
  return { functional: await outcomeOf(() => functional(connection)), method: await outcomeOf(() => method(client)) }
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }

async function outcomeOf<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    return { ok: false, error }
  }
}

/** Lock tokens and sync tokens are random per server: each becomes the same placeholder. */
function withoutTokens(value: unknown): unknown {
  const placeholder = (text: string): string =>
    text.replace(/opaquelocktoken:[\w-]+/g, 'opaquelocktoken:*').replace(/urn:davkit:sync:[\w-]+/g, 'urn:davkit:sync:*')
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' ? placeholder(v) : v)))
}

/** Asserts both forms gave the same result (or errors of the same class, message and fields), and gives the functional one. */
async function same<T>(
  functional: (dav: DavConnection) => Promise<T>,
  method: (dav: DavClient) => Promise<T>,
  dialect?: Parameters<typeof createDavServer>[0],
): Promise<Outcome<T>> {
  const outcomes = await both(functional, method, dialect)
  if (outcomes.functional.ok && outcomes.method.ok) {
    expect(withoutTokens(outcomes.functional.value)).toEqual(withoutTokens(outcomes.method.value))
  } else if (!outcomes.functional.ok && !outcomes.method.ok) {
    const [f, m] = [outcomes.functional.error, outcomes.method.error]
    expect(f).toBeInstanceOf(Error)
    expect((f as Error).constructor).toBe((m as Error).constructor)
    expect(withoutTokens({ message: (f as Error).message, ...(f as object) })).toEqual(
      withoutTokens({ message: (m as Error).message, ...(m as object) }),
    )
  } else {
    expect.fail(
      `one form succeeded and the other failed: ${JSON.stringify(outcomes, (_, v: unknown) => (v instanceof Error ? v.message : v))}`,
    )
  }
  return outcomes.functional
}

function resultOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error
  return outcome.value
}

describe('the functions give what the methods give', () => {
  test('propfind with codecs: typed props, the same for both', async () => {
    const props = { size: davGetContentLength, modified: davGetLastModified, etag: davGetEtag }
    const listing = resultOf(
      await same(
        (dav) => propfind(dav, 'Documents/', { depth: 1, props }),
        (dav) => dav.propfind('Documents/', { depth: 1, props }),
      ),
    )
    const sizes = listing.resources.map((r) => [r.href.path, r.props.size.kind === 'value' ? r.props.size.value : r.props.size.kind])
    expect(sizes).toEqual([
      ['/Documents/', 'failed'],
      ['/Documents/a.txt', 5],
      ['/Documents/b.md', 3],
    ])
    expect(listing.resources[1]?.props.modified).toMatchObject({ kind: 'value', value: NOW })
  })

  test('propfind without options asks for allprop at depth 0, as the method does', async () => {
    const self = resultOf(
      await same(
        (dav) => propfind(dav, 'Documents/'),
        (dav) => dav.propfind('Documents/'),
      ),
    )
    expect(self.resources.map((r) => r.href.path)).toEqual(['/Documents/'])
    expect(self.resources[0]?.properties.length).toBeGreaterThan(0)
  })

  test('propfindEach yields the entries propfind lists', async () => {
    const collect = async (entries: AsyncIterable<{ readonly kind: string; readonly href?: { readonly path: string } }>) => {
      const paths: string[] = []
      for await (const entry of entries) if (entry.href !== undefined) paths.push(`${entry.kind} ${entry.href.path}`)
      return paths
    }
    const paths = resultOf(
      await same(
        (dav) => collect(propfindEach(dav, 'Documents/', { depth: 1, props: { size: davGetContentLength } })),
        (dav) => collect(dav.propfindEach('Documents/', { depth: 1, props: { size: davGetContentLength } })),
      ),
    )
    expect(paths).toEqual(['resource /Documents/', 'resource /Documents/a.txt', 'resource /Documents/b.md'])
  })

  test('writes, transfers and reads: proppatch, put, get, copy, move, mkcol, delete, options', async () => {
    const steps = resultOf(
      await same(
        async (dav) => [
          await proppatch(dav, 'Documents/a.txt', [setProperty(davDisplayName, 'Alpha')]),
          await put(dav, 'notes/n.txt', 'note', { ifNoneMatch: '*' }),
          await put(dav, 'notes/n.txt', 'again', { ifNoneMatch: '*' }),
          await get(dav, 'notes/n.txt', { as: 'text' }),
          await copy(dav, 'notes/n.txt', 'notes/copy.txt', { overwrite: false }),
          await move(dav, 'notes/copy.txt', 'Documents/moved.txt'),
          await mkcol(dav, 'deep/er/still', { parents: true }),
          await deleteResource(dav, 'Documents/b.md'),
          await deleteResource(dav, 'Documents/b.md'),
          await options(dav),
        ],
        async (dav) => [
          await dav.proppatch('Documents/a.txt', [setProperty(davDisplayName, 'Alpha')]),
          await dav.put('notes/n.txt', 'note', { ifNoneMatch: '*' }),
          await dav.put('notes/n.txt', 'again', { ifNoneMatch: '*' }),
          await dav.get('notes/n.txt', { as: 'text' }),
          await dav.copy('notes/n.txt', 'notes/copy.txt', { overwrite: false }),
          await dav.move('notes/copy.txt', 'Documents/moved.txt'),
          await dav.mkcol('deep/er/still', { parents: true }),
          await dav.delete('Documents/b.md'),
          await dav.delete('Documents/b.md'),
          await dav.options(),
        ],
      ),
    )
    const allowed = steps.pop()
    expect(allowed && 'compliance' in allowed ? allowed.compliance : undefined).toContain('1')
    expect(steps.map((step) => ('kind' in step ? step.kind : undefined))).toEqual([
      'applied',
      'created',
      'precondition-failed',
      'full',
      'created',
      'created',
      'created',
      'deleted',
      'not-found',
    ])
  })

  test('locks: lock, refresh, a refused write, unlock', async () => {
    const steps = resultOf(
      await same(
        async (dav) => {
          const held = await lock(dav, 'Documents/a.txt', { timeout: 600, owner: 'alice' })
          if (held.kind !== 'granted') return [held]
          return [
            held,
            await refreshLock(dav, 'Documents/a.txt', held, { timeout: 60 }),
            await put(dav, 'Documents/a.txt', 'no token'),
            await put(dav, 'Documents/a.txt', 'with token', { lockToken: held }),
            await unlock(dav, 'Documents/a.txt', held),
          ]
        },
        async (dav) => {
          const held = await dav.lock('Documents/a.txt', { timeout: 600, owner: 'alice' })
          if (held.kind !== 'granted') return [held]
          return [
            held,
            await dav.refreshLock('Documents/a.txt', held, { timeout: 60 }),
            await dav.put('Documents/a.txt', 'no token'),
            await dav.put('Documents/a.txt', 'with token', { lockToken: held }),
            await dav.unlock('Documents/a.txt', held),
          ]
        },
      ),
    )
    expect(steps.map((step) => step.kind)).toEqual(['granted', 'granted', 'locked', 'replaced', 'unlocked'])
  })

  test('syncCollection from no token lists the members', async () => {
    const sync = resultOf(
      await same(
        (dav) => syncCollection(dav, 'Documents/', { token: undefined, props: { etag: davGetEtag } }),
        (dav) => dav.syncCollection('Documents/', { token: undefined, props: { etag: davGetEtag } }),
      ),
    )
    expect(sync.kind).toBe('changes')
  })
})

describe('the functions fail as the methods fail', () => {
  test('a PROPFIND of a missing resource: the same HttpStatusError', async () => {
    const outcome = await same(
      (dav) => propfind(dav, 'nowhere/', { props: { size: davGetContentLength } }),
      (dav) => dav.propfind('nowhere/', { props: { size: davGetContentLength } }),
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(HttpStatusError)
    expect(outcome.ok ? undefined : (outcome.error as HttpStatusError).status).toBe(404)
  })

  test('Depth infinity refused by the server: the same DepthRefusedError', async () => {
    const outcome = await same(
      (dav) => propfind(dav, '', { allprop: true, depth: 'infinity' }),
      (dav) => dav.propfind('', { allprop: true, depth: 'infinity' }),
      { dialect: { depthInfinity: 'refuse' } },
    )
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(DepthRefusedError)
  })

  test('Depth infinity without props is refused before sending, as a rejected promise', async () => {
    const outcome = await same(
      (dav) => propfind(dav, '', { depth: 'infinity' } as never),
      (dav) => dav.propfind('', { depth: 'infinity' } as never),
    )
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(InvalidRequestError)
    expect(outcome.ok ? undefined : (outcome.error as Error).message).toMatch(/depth 0 or 1, got infinity/)
  })

  test('wrong credentials: the same error from both', async () => {
    const a = serverFor()
    const b = serverFor()
    const connection = createDavConnection({
      baseUrl: a.baseUrl,
      auth: { username: 'alice', password: 'wrong' },
      fetch: a.fetch,
      retry: false,
    })
    const client = createDavClient({ baseUrl: b.baseUrl, auth: { username: 'alice', password: 'wrong' }, fetch: b.fetch, retry: false })
    const functional = await outcomeOf(() => get(connection, 'Documents/a.txt'))
    const method = await outcomeOf(() => client.get('Documents/a.txt'))
    expect(functional.ok).toBe(false)
    expect(method.ok).toBe(false)
    const [f, m] = [functional.ok ? undefined : functional.error, method.ok ? undefined : method.error]
    expect((f as Error).constructor).toBe((m as Error).constructor)
    expect((f as Error).message).toBe((m as Error).message)
    expect((f as Error).message).not.toContain('wrong')
  })
})

describe('createDavConnection', () => {
  test('holds the base URL and the pipeline only', () => {
    const dav = createDavConnection('https://dav.test/files', { username: 'alice', password: 'x' })
    expect(Object.keys(dav).sort()).toEqual(['baseUrl', 'pipeline'])
    expect(dav.baseUrl.href).toBe('https://dav.test/files/')
  })

  test('refuses what createDavClient refuses, naming itself', () => {
    expect(() => createDavConnection('https://dav.test/', { baseUrl: 'https://dav.test/' } as never)).toThrow(
      /^createDavConnection\(url, options\): give the base URL once/,
    )
    expect(() => createDavConnection(42 as never)).toThrow(/^createDavConnection takes/)
    expect(() => createDavConnection({ baseUrl: 'https://dav.test/', username: 'alice', password: 'x', auth: { token: 't' } })).toThrow(
      /give credentials once/,
    )
    expect(() => createDavClient(42 as never)).toThrow(/^createDavClient takes/)
  })

  test('a client is a connection: the functions take it', async () => {
    const { baseUrl, fetch } = serverFor()
    const client = createDavClient({ baseUrl, auth: { username: 'alice', password: USERS.alice }, fetch, retry: false })
    const listing = await propfind(client, 'Documents/', { depth: 1, props: { size: davGetContentLength } })
    expect(listing.resources).toHaveLength(3)
  })
})
