// @davkit/testing is imported by path: the testing package already depends on @davkit/client,
// and a workspace dependency back would make the two packages a cycle.
import { createDavServer, davHandlers, seedFile, type DavServer } from '../../../testing/src/index.ts'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  DepthRefusedError,
  assertAllOk,
  createDavClient,
  davProps,
  defineProperty,
  removeProperty,
  setProperty,
  textOf,
} from '../../src/index.ts'

const ORIGIN = 'https://fake.example'
const BASE_PATH = '/remote.php/dav/files/alice/'
const fake: DavServer = createDavServer({ basePath: BASE_PATH, dialect: { propstatOrder: 'not-found-first' } })
const refusing: DavServer = createDavServer({ basePath: '/strict/', dialect: { depthInfinity: 'refuse', davPrefix: 'default' } })
const mock = setupServer(...davHandlers(fake, ORIGIN), ...davHandlers(refusing, `${ORIGIN}/strict/`))
beforeAll(() => mock.listen({ onUnhandledFrame: 'error' }))
afterAll(() => mock.close())

const NAMES = ['a b.txt', 'hash#1.txt', 'what?.txt', '100%.txt', 'ünïcödé 日本.txt']
beforeEach(() => {
  fake.reset({
    Documents: {
      'report.txt': seedFile('hello', { props: { '{urn:example:x}color': 'red', '{urn:example:y}color': 'blue' } }),
      ...Object.fromEntries(NAMES.map((name) => [name, name])),
    },
    archive: { 'report.txt': 'older' },
    shared: { 'locked.txt': 'mine', 'free.txt': 'free' },
  })
  refusing.reset({ 'a.txt': 'a' })
})

const dav = (retry: false | { retries: number; minDelayMs: number; jitter: false } = false) =>
  createDavClient({ baseUrl: `${ORIGIN}${BASE_PATH}`, auth: { username: 'alice', password: 'pw' }, retry })
const xColor = defineProperty({ namespace: 'urn:example:x', local: 'color', decode: (e) => ({ ok: true, value: textOf(e) }) })
const yColor = defineProperty({ namespace: 'urn:example:y', local: 'color', decode: (e) => ({ ok: true, value: textOf(e) }) })
const zColor = defineProperty({ namespace: 'urn:example:z', local: 'color', decode: (e) => ({ ok: true, value: textOf(e) }) })

describe('against the fake server', () => {
  test('PROPFIND depth 1: names with spaces, #, ?, % and non-ASCII round-trip', async () => {
    const listing = await dav().propfind('Documents/', {
      depth: 1,
      props: { size: davProps.getcontentlength, type: davProps.resourcetype },
    })
    const paths = listing.resources.map((r) => r.href.path)
    for (const name of NAMES) expect(paths).toContain(`${BASE_PATH}Documents/${name}`)
    for (const name of NAMES) {
      const one = assertAllOk(await dav().propfind(`Documents/${name}`, { props: { size: davProps.getcontentlength } }))
      expect(one.resources[0]?.props.size.value).toBe(new TextEncoder().encode(name).byteLength)
    }
  })

  test('mixed 200/404 propstats across namespaces, 404 first', async () => {
    const result = await dav().propfind('Documents/report.txt', {
      props: { size: davProps.getcontentlength, x: xColor, y: yColor, z: zColor },
    })
    const props = result.resources[0]!.props
    expect(props.size).toMatchObject({ kind: 'value', value: 5 })
    expect(props.x).toMatchObject({ kind: 'value', value: 'red' })
    expect(props.y).toMatchObject({ kind: 'value', value: 'blue' })
    expect(props.z).toMatchObject({ kind: 'failed', status: { code: 404 } })
  })

  test('PROPPATCH applies set and remove; an atomic failure changes nothing', async () => {
    const applied = await dav().proppatch('Documents/report.txt', [setProperty(xColor.name, 'green'), removeProperty(yColor.name)])
    expect(applied.kind).toBe('applied')
    expect(fake.read(`/Documents/report.txt`)?.props).toEqual({ '{urn:example:x}color': 'green' })

    const rejected = await dav().proppatch('Documents/report.txt', [
      setProperty(xColor.name, 'purple'),
      setProperty({ namespace: 'DAV:', local: 'getetag' }, '"forged"'),
    ])
    expect(rejected.kind).toBe('rejected')
    if (rejected.kind === 'rejected') {
      expect(rejected.failed.map((f) => [f.name.local, f.status.code])).toEqual([['getetag', 403]])
      expect(rejected.outcomes[0]).toMatchObject({ kind: 'failed-dependency', status: { code: 424 } })
    }
    expect(fake.read(`/Documents/report.txt`)?.props).toEqual({ '{urn:example:x}color': 'green' })
  })

  test('COPY and MOVE over an existing target with Overwrite F: 412, nothing changed', async () => {
    const copy = await dav().copy('Documents/report.txt', 'archive/report.txt', { overwrite: false })
    expect(copy.kind).toBe('precondition-failed')
    const move = await dav().move('Documents/report.txt', 'archive/report.txt', { overwrite: false })
    expect(move.kind).toBe('precondition-failed')
    expect(fake.read('/archive/report.txt')?.text).toBe('older')
    expect(fake.exists('/Documents/report.txt')).toBe(true)
    const replaced = await dav().move('Documents/report.txt', 'archive/report.txt', { overwrite: true })
    expect(replaced.kind).toBe('replaced')
    expect(fake.read('/archive/report.txt')?.text).toBe('hello')
    const created = await dav().copy('archive/', 'archive copy é/')
    expect(created.kind).toBe('created')
    expect(fake.exists('/archive copy é/report.txt')).toBe(true)
  })

  test('MOVE of a collection with a member locked by another client is refused, the member listed', async () => {
    fake.lockAsOtherOwner('/shared/locked.txt')
    const result = await dav().move('shared/', 'moved/')
    expect(result.kind).toBe('partial')
    if (result.kind !== 'partial') return
    expect(result.failures.map((f) => f.href.path)).toEqual([`${BASE_PATH}shared/locked.txt`])
    expect(result.failures[0]?.status).toMatchObject({ code: 423 })
    expect(result.failures[0]?.error?.conditions[0]?.name.local).toBe('lock-token-submitted')
    expect(fake.exists('/shared/locked.txt')).toBe(true)
  })

  test('COPY into a collection with a member locked by another client', async () => {
    fake.seed({ target: { 'free.txt': 'old', 'locked.txt': 'theirs' } })
    fake.lockAsOtherOwner('/target/locked.txt')
    const result = await dav().copy('shared/', 'target/', { overwrite: true })
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') {
      expect(result.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
        [`${BASE_PATH}target/locked.txt`, 423],
      ])
    }
    expect(fake.read('/target/locked.txt')?.text).toBe('theirs')
  })

  test('DELETE of a collection with a member locked by another client lists the member', async () => {
    fake.lockAsOtherOwner('/shared/locked.txt')
    const result = await dav().delete('shared/')
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') {
      expect(result.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
        [`${BASE_PATH}shared/locked.txt`, 423],
      ])
    }
    expect(fake.exists('/shared/locked.txt')).toBe(true)
  })

  test('Depth infinity refused with 403 propfind-finite-depth', async () => {
    const client = createDavClient({ baseUrl: `${ORIGIN}/strict`, retry: false })
    const error = await client.propfind('', { depth: 'infinity', allprop: true }).catch((e) => e)
    expect(error).toBeInstanceOf(DepthRefusedError)
    expect(error.evidence).toBe('propfind-finite-depth')
    const ok = await client.propfind('', { depth: 1, props: { size: davProps.getcontentlength } })
    expect(ok.resources.length).toBe(2)
  })

  test('injected 503 + Retry-After, then a network error: exact attempt count', async () => {
    fake.faults.status(503, { method: 'PROPFIND', times: 2, retryAfter: 0 }).networkError({ method: 'PROPFIND', times: 1 })
    const result = await dav({ retries: 3, minDelayMs: 1, jitter: false }).propfind('Documents/', { props: { e: davProps.getetag } })
    expect(result.attempts).toBe(4)
    expect(fake.faults.pending).toBe(0)
  })
})
