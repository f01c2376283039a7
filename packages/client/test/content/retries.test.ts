import { describe, expect, test } from 'vitest'
import { fakeSetup } from './fake-server.ts'

const fastRetry = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false } } as const

describe('retries and timeouts follow the client policy', () => {
  test('GET and PUT with a replayable body are retried after 503 and network failures', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { 'a.txt': 'x' } }, fastRetry)
    server.faults.status(503, { method: 'GET' })
    const got = await dav.get('a.txt', { as: 'text' })
    expect(got).toMatchObject({ kind: 'full', data: 'x', attempts: 2 })
    server.faults.networkError({ method: 'PUT' })
    const put = await dav.put('b.txt', new Uint8Array([1, 2, 3]))
    expect(put).toMatchObject({ kind: 'created', attempts: 2 })
    expect(Array.from(server.read('/b.txt')!.content)).toEqual([1, 2, 3])
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(2)
  })

  test('a PUT from a stream is sent once: it cannot be replayed', async () => {
    const { dav, server } = fakeSetup({}, fastRetry)
    server.faults.status(503, { method: 'PUT' })
    const stream = new Blob(['once']).stream()
    await expect(dav.put('s.txt', stream)).rejects.toMatchObject({ code: 'http-status', status: 503, attempts: 1 })
    expect(server.journal.entries.filter((e) => e.method === 'PUT')).toHaveLength(1)
  }, 10_000)

  test('LOCK is never retried, whatever the failure', async () => {
    const { dav, server, requests } = fakeSetup({ seed: { 'a.txt': 'x' } }, fastRetry)
    server.faults.status(503, { method: 'LOCK' })
    await expect(dav.lock('a.txt')).rejects.toMatchObject({ code: 'http-status', status: 503 })
    expect(requests.filter((r) => r.method === 'LOCK')).toHaveLength(1)
    server.faults.networkError({ method: 'LOCK' })
    await expect(dav.lock('a.txt')).rejects.toMatchObject({ code: 'transport' })
    expect(requests.filter((r) => r.method === 'LOCK')).toHaveLength(2)
  })

  test('a DELETE whose first attempt got no answer and whose retry finds nothing is uncertain', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'x' } }, fastRetry)
    server.faults.networkError({ method: 'DELETE' })
    const result = await dav.delete('missing.txt')
    expect(result.kind).toBe('uncertain')
    if (result.kind === 'uncertain') expect(result.earlierFailures).toHaveLength(1)
  })

  test('the per-attempt timeout applies to GET', async () => {
    const { dav, server } = fakeSetup({ seed: { 'a.txt': 'x' } }, { retry: false, timeoutMs: 50 })
    server.faults.latency(500, { method: 'GET', times: 1 })
    await expect(dav.get('a.txt')).rejects.toMatchObject({ code: 'timeout' })
  })
})
