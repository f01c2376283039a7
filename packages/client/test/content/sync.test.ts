import { describe, expect, test } from 'vitest'
import { HttpStatusError, InvalidRequestError, davProps, element } from '../../src/index.ts'
import { fakeSetup } from './fake-server.ts'

const props = { etag: davProps.getetag, size: davProps.getcontentlength }

describe('syncCollection', () => {
  test('initial sync lists members with their props; the next one only what changed and what was removed', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { docs: { 'a.txt': 'aaa', 'b.txt': 'bb' } } })
    const first = await dav.syncCollection('docs/', { props })
    const sent = requests.at(-1)!
    expect(sent.method).toBe('REPORT')
    expect(sent.headers.get('depth')).toBe('0')
    const body = await sent.text()
    expect(body).toContain('<D:sync-token/>')
    expect(body).toContain('<D:sync-level>1</D:sync-level>')
    if (first.kind !== 'changes') throw new Error(first.kind)
    expect(first.token).not.toBe('')
    expect(first.truncated).toBe(false)
    const sizes = Object.fromEntries(
      first.changed.map((r) => [r.href.path.split('/').pop(), r.props.size.kind === 'value' ? r.props.size.value : null]),
    )
    expect(sizes).toEqual({ 'a.txt': 3, 'b.txt': 2 })
    expect(first.removed).toEqual([])

    server.seed({ 'c.txt': 'new' }, '/docs')
    await dav.put('docs/a.txt', 'changed')
    await dav.delete('docs/b.txt')
    const second = await dav.syncCollection('docs/', { props, token: first.token })
    expect(await requests.at(-1)!.text()).toContain(`<D:sync-token>${first.token}</D:sync-token>`)
    if (second.kind !== 'changes') throw new Error(second.kind)
    expect(second.changed.map((r) => r.href.path.split('/').pop()).sort()).toEqual(['a.txt', 'c.txt'])
    expect(second.removed.map((h) => h.path.split('/').pop())).toEqual(['b.txt'])
    expect(second.token).not.toBe(first.token)

    const third = await dav.syncCollection('docs/', { props, token: second.token })
    expect(third).toMatchObject({ kind: 'changes', changed: [], removed: [], truncated: false })
  })

  test('a limit truncates: truncated is true, and continuing from the token gets the rest', async () => {
    const { dav } = fakeSetup({ seed: { docs: { '1.txt': '1', '2.txt': '2', '3.txt': '3' } } })
    const start = await dav.syncCollection('docs/', { props })
    if (start.kind !== 'changes') throw new Error(start.kind)
    for (const name of ['1', '2', '3']) await dav.put(`docs/${name}.txt`, `v2 ${name}`)
    const part = await dav.syncCollection('docs/', { props, token: start.token, limit: 2 })
    if (part.kind !== 'changes') throw new Error(part.kind)
    expect(part.truncated).toBe(true)
    expect(part.changed).toHaveLength(2)
    expect(part.other).toEqual([])
    const rest = await dav.syncCollection('docs/', { props, token: part.token })
    if (rest.kind !== 'changes') throw new Error(rest.kind)
    expect(rest.truncated).toBe(false)
    const seen = [...part.changed, ...rest.changed].map((r) => r.href.path.split('/').pop()).sort()
    expect(seen).toEqual(['1.txt', '2.txt', '3.txt'])
  })

  test('an unknown token is invalid-token, carrying the valid-sync-token condition', async () => {
    const { dav } = fakeSetup({ seed: { docs: {} } })
    const result = await dav.syncCollection('docs/', { props, token: 'urn:other-server:sync:42' })
    expect(result.kind).toBe('invalid-token')
    if (result.kind !== 'invalid-token') return
    expect(result.status).toBe(403)
    expect(result.error?.conditions.map((c) => c.name.local)).toContain('valid-sync-token')
  })

  test('level infinite reports changes in nested collections', async () => {
    const { dav } = fakeSetup({ seed: { docs: { deep: { 'x.txt': 'x' } } } })
    const first = await dav.syncCollection('docs/', { props, level: 'infinite' })
    if (first.kind !== 'changes') throw new Error(first.kind)
    expect(first.changed.some((r) => r.href.path.endsWith('/docs/deep/x.txt'))).toBe(true)
  })

  test('bad options are refused before sending', async () => {
    const { dav, requests } = fakeSetup({ seed: { docs: {} } })
    await expect(dav.syncCollection('docs/', { props: {} })).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.syncCollection('docs/', { props, limit: 0 })).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(dav.syncCollection('docs/', { props, level: 2 as 1 })).rejects.toBeInstanceOf(InvalidRequestError)
    expect(requests).toHaveLength(0)
  })
})

describe('report', () => {
  test('a generic REPORT body gets the decoded multistatus', async () => {
    const { dav } = fakeSetup({ seed: { docs: { 'a.txt': 'aaa' } } })
    const d = (local: string) => ({ namespace: 'DAV:', local })
    const result = await dav.report(
      'docs/',
      element(d('sync-collection'), [
        element(d('sync-token')),
        element(d('sync-level'), [{ kind: 'text', text: '1' }]),
        element(d('prop'), [element(d('getetag'))]),
      ]),
    )
    expect(result.status).toBe(207)
    expect(result.multistatus.syncToken).toBeDefined()
    expect(result.multistatus.responses.some((r) => r.kind === 'propstat' && r.href.path.endsWith('/docs/a.txt'))).toBe(true)
  })

  test('an unsupported report is an HttpStatusError carrying the DAV:error', async () => {
    const { dav } = fakeSetup({ seed: { docs: {} } })
    const error = await dav.report('docs/', '<?xml version="1.0"?><x:unknown-report xmlns:x="urn:example"/>').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).status).toBe(403)
    expect((error as HttpStatusError).hasCondition('supported-report')).toBe(true)
  })
})
