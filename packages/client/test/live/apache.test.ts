// Live tests against a real Apache httpd mod_dav on 127.0.0.1, started by the repository's
// test/servers helper. Skipped (with the reason) when Apache is not installed, except in CI.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { skipReason, startApache, type RunningServer } from '../../../../test/servers/index.ts'
import {
  DepthRefusedError,
  HttpStatusError,
  unwrapProperty,
  createDavClient,
  davProps,
  defineProperty,
  removeProperty,
  setProperty,
  textOf,
  type DavClient,
} from '../../src/index.ts'

const reason = skipReason('apache')
const credentials = { username: 'alice', password: 'correct horse battery staple' }
const NAMES = ['a b.txt', 'hash#1.txt', 'what?.txt', '100%.txt', 'ünïcödé 日本.txt']
const xColor = defineProperty({ namespace: 'urn:example:x', local: 'color', decode: (e) => ({ ok: true, value: textOf(e) }) })
const yColor = defineProperty({ namespace: 'urn:example:y', local: 'color', decode: (e) => ({ ok: true, value: textOf(e) }) })

/** PUT and MKCOL through the client's pipeline (they are not client methods yet). */
async function put(dav: DavClient, path: string, content: string): Promise<void> {
  const url = new URL(path.split('/').map(encodeURIComponent).join('/'), dav.baseUrl)
  const response = await dav.pipeline.send({ method: 'PUT', url, headers: { 'content-type': 'text/plain' }, body: content })
  if (response.status !== 201 && response.status !== 204) throw new Error(`PUT ${path}: ${response.status}`)
}
async function mkcol(dav: DavClient, path: string): Promise<void> {
  const url = new URL(path.split('/').map(encodeURIComponent).join('/'), dav.baseUrl)
  const response = await dav.pipeline.send({ method: 'MKCOL', url })
  if (response.status !== 201) throw new Error(`MKCOL ${path}: ${response.status}`)
}
/** Locks a resource from another client; that client keeps the token to itself. */
async function lockAsOther(other: DavClient, path: string): Promise<string> {
  const url = new URL(path.split('/').map(encodeURIComponent).join('/'), other.baseUrl)
  const response = await other.pipeline.send({
    method: 'LOCK',
    url,
    headers: { depth: '0', timeout: 'Second-600' },
    body:
      '<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>' +
      '<D:locktype><D:write/></D:locktype><D:owner>other client</D:owner></D:lockinfo>',
  })
  if (response.status !== 200) throw new Error(`LOCK ${path}: ${response.status}`)
  return response.headers.get('lock-token') ?? ''
}

describe.skipIf(reason !== undefined)(`Apache mod_dav${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningServer
  let dav: DavClient
  let other: DavClient

  beforeAll(async () => {
    server = await startApache({ basicAuth: credentials })
    dav = createDavClient({ baseUrl: server.url, auth: credentials, retry: false })
    other = createDavClient({ baseUrl: server.url, auth: credentials, retry: false })
    await mkcol(dav, 'docs')
    for (const name of NAMES) await put(dav, `docs/${name}`, name)
    await mkcol(dav, 'archive')
    await put(dav, 'archive/report.txt', 'older')
    await put(dav, 'docs/report.txt', 'hello')
  })
  afterAll(async () => {
    await server?.stop()
  })

  test('PROPFIND depth 1: names with spaces, #, ?, % and non-ASCII round-trip', async () => {
    const listing = (await dav.propfind('docs/', { depth: 1, props: { size: davProps.getcontentlength, type: davProps.resourcetype } }))
      .resources
    const base = new URL(server.url).pathname
    const files = listing.filter((r) => !unwrapProperty(r.props.type).collection)
    expect(files).toHaveLength(NAMES.length + 1)
    for (const name of NAMES) {
      const entry = files.find((r) => r.href.path === `${base}docs/${name}`)
      expect(entry, name).toBeDefined()
      expect(unwrapProperty(entry!.props.size)).toBe(new TextEncoder().encode(name).byteLength)
    }
    for (const name of NAMES) {
      const one = await dav.propfind(`docs/${name}`, { props: { size: davProps.getcontentlength } })
      expect(one.resources[0]?.href.path).toBe(`${base}docs/${name}`)
    }
  })

  test('mixed 200/404 propstats across namespaces', async () => {
    const set = await dav.proppatch('docs/report.txt', [setProperty(xColor.name, 'red')])
    expect(set.kind).toBe('applied')
    const result = await dav.propfind('docs/report.txt', { props: { size: davProps.getcontentlength, x: xColor, y: yColor } })
    const props = result.resources[0]!.props
    expect(props.size).toMatchObject({ kind: 'value', value: 5 })
    expect(props.x).toMatchObject({ kind: 'value', value: 'red' })
    expect(props.y).toMatchObject({ kind: 'failed', status: { code: 404 } })
  })

  test('PROPPATCH atomic failure: the protected property fails, the other is a 424, nothing applied', async () => {
    const result = await dav.proppatch('docs/report.txt', [
      setProperty(xColor.name, 'purple'),
      setProperty({ namespace: 'DAV:', local: 'getetag' }, '"forged"'),
      removeProperty(yColor.name),
    ])
    expect(result.kind).toBe('rejected')
    if (result.kind !== 'rejected') return
    expect(result.failed.map((f) => f.name.local)).toEqual(['getetag'])
    expect([403, 409]).toContain(result.failed[0]?.status.code)
    expect(result.outcomes[0]).toMatchObject({ kind: 'failed-dependency', status: { code: 424 } })
    const after = await dav.propfind('docs/report.txt', { props: { x: xColor } })
    expect(after.resources[0]?.props.x).toMatchObject({ kind: 'value', value: 'red' })
  })

  test('COPY and MOVE over an existing target with Overwrite F: 412', async () => {
    expect((await dav.copy('docs/report.txt', 'archive/report.txt', { overwrite: false })).kind).toBe('precondition-failed')
    expect((await dav.move('docs/report.txt', 'archive/report.txt', { overwrite: false })).kind).toBe('precondition-failed')
    const copied = await dav.copy('docs/a b.txt', 'archive/ünï b.txt', { overwrite: false })
    expect(copied.kind).toBe('created')
    const replaced = await dav.copy('docs/a b.txt', 'archive/ünï b.txt', { overwrite: true })
    expect(replaced.kind).toBe('replaced')
  })

  test('MOVE and COPY of a collection with a member locked by another client', async () => {
    await mkcol(dav, 'shared')
    await put(dav, 'shared/locked.txt', 'theirs')
    await put(dav, 'shared/free.txt', 'free')
    await lockAsOther(other, 'shared/locked.txt')
    const moved = await dav.move('shared/', 'moved/')
    // Apache answers 424 with a multistatus body naming the locked member.
    expect(moved.kind).toBe('partial')
    if (moved.kind === 'partial') {
      expect(moved.status).toBe(424)
      expect(moved.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
        ['/shared/locked.txt', 423],
      ])
    }
    const check = await dav.propfind('shared/locked.txt', { props: { size: davProps.getcontentlength } })
    expect(check.resources).toHaveLength(1)

    await mkcol(dav, 'target')
    await put(dav, 'target/locked.txt', 'theirs too')
    await lockAsOther(other, 'target/locked.txt')
    const copied = await dav.copy('docs/', 'target/', { overwrite: true })
    expect(copied.kind).toBe('partial')
    if (copied.kind === 'partial') {
      expect(copied.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
        ['/target/locked.txt', 423],
      ])
    }
  })

  test('DELETE of a collection with a member locked by another client lists the member', async () => {
    await mkcol(dav, 'doomed')
    await put(dav, 'doomed/locked.txt', 'theirs')
    await put(dav, 'doomed/free.txt', 'free')
    await lockAsOther(other, 'doomed/locked.txt')
    const result = await dav.delete('doomed/')
    expect(result.kind).toBe('partial')
    if (result.kind === 'partial') {
      expect(result.failures.map((f) => [f.href.path, f.status.kind === 'status' ? f.status.code : 0])).toEqual([
        ['/doomed/locked.txt', 423],
      ])
    }
    const still = await dav.propfind('doomed/locked.txt', { props: { size: davProps.getcontentlength } })
    expect(still.resources).toHaveLength(1)
  })

  test('Depth infinity refused with 403 propfind-finite-depth', async () => {
    const error = await dav.propfind('', { depth: 'infinity', allprop: true }).catch((e) => e)
    expect(error).toBeInstanceOf(DepthRefusedError)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.code).toBe('http-status')
    expect(error.status).toBe(403)
    // Apache 2.4 answers with an HTML page, not a DAV:error body.
    expect(['status-403', 'propfind-finite-depth']).toContain(error.evidence)
  })

  test('a wrong password is a 401 whose error never shows the credentials', async () => {
    const wrong = createDavClient({ baseUrl: server.url, auth: { username: 'alice', password: 'wrong-password' }, retry: false })
    const error = await wrong.propfind('', { props: { e: davProps.getetag } }).catch((e) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.status).toBe(401)
    const shown = `${error.message} ${JSON.stringify(error.request)} ${JSON.stringify(error.response)}`
    expect(shown).not.toContain(btoa('alice:wrong-password'))
    expect(shown).not.toContain('wrong-password')
  })
})
