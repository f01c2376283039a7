import type { TransferProgress } from '@davkit/types'
import { describe, expect, test } from 'vitest'
import { DavkitError, createDavClient } from '../../src/index.ts'
import { hasStreamBody } from './streamed-request.ts'

const BASE = 'https://dav.example/'

describe('streamed uploads where the runtime refuses them', () => {
  test('a body streamed for progress is sent whole after the streamed fetch fails, and not streamed again', async () => {
    const calls: { streamed: boolean; size: number }[] = []
    const dav = createDavClient({
      baseUrl: BASE,
      retry: false,
      // Like Chromium over HTTP/1.1: duplex is understood, but a streamed body fails at once.
      fetch: async (input) => {
        const request = input as Request
        const streamed = hasStreamBody(request)
        if (streamed) {
          calls.push({ streamed, size: -1 })
          throw new TypeError('Failed to fetch')
        }
        calls.push({ streamed, size: (await request.arrayBuffer()).byteLength })
        return new Response(null, { status: 201 })
      },
    })
    const seen: TransferProgress[] = []
    const body = new Uint8Array(300_000)
    expect((await dav.put('a.bin', body, { onProgress: (p) => seen.push(p) })).kind).toBe('created')
    expect(calls).toEqual([
      { streamed: true, size: -1 },
      { streamed: false, size: 300_000 },
    ])
    expect(seen.at(-1)).toEqual({ loaded: 300_000, total: 300_000 })
    await dav.put('b.bin', body, { onProgress: () => {} })
    expect(calls.slice(2)).toEqual([{ streamed: false, size: 300_000 }])
  })

  test('a genuine network failure is still a transport error', async () => {
    const dav = createDavClient({
      baseUrl: BASE,
      retry: false,
      fetch: async () => {
        throw new TypeError('connection refused')
      },
    })
    await expect(dav.put('a.bin', new Uint8Array(10), { onProgress: () => {} })).rejects.toMatchObject({ code: 'transport' })
  })
})

describe('a streamed download that fails midway', () => {
  test('the stream errors with a davkit transport error', async () => {
    const dav = createDavClient({
      baseUrl: BASE,
      retry: false,
      fetch: async () => {
        let sent = false
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (!sent) {
              sent = true
              controller.enqueue(new Uint8Array([1, 2, 3]))
            } else {
              controller.error(new TypeError('terminated'))
            }
          },
        })
        return new Response(body, { status: 200 })
      },
    })
    const got = await dav.get('a.bin', { as: 'stream' })
    if (got.kind !== 'full') throw new Error(got.kind)
    const reader = got.data.getReader()
    expect((await reader.read()).value).toEqual(new Uint8Array([1, 2, 3]))
    const error = await reader.read().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DavkitError)
    expect(error).toMatchObject({ code: 'transport' })
  })

  test('aborting the signal while reading errors the stream with an aborted error', async () => {
    const controller = new AbortController()
    const dav = createDavClient({
      baseUrl: BASE,
      retry: false,
      // fetch errors the body it is reading when the signal of the Request it was given aborts.
      fetch: async (input) => {
        const signal = (input as Request).signal
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array([1]))
            signal?.addEventListener('abort', () => c.error(signal.reason))
          },
        })
        return new Response(body, { status: 200 })
      },
    })
    const got = await dav.get('a.bin', { as: 'stream', signal: controller.signal })
    if (got.kind !== 'full') throw new Error(got.kind)
    const reader = got.data.getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toMatchObject({ code: 'aborted' })
  })
})

describe('download progress totals', () => {
  test('a compressed body has no known total: Content-Length counts encoded bytes, the reader decoded ones', async () => {
    const plain = new TextEncoder().encode('a'.repeat(10_000))
    const gzipped = new Uint8Array(await new Response(new Blob([plain]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer())
    const dav = createDavClient({
      baseUrl: BASE,
      retry: false,
      fetch: async () =>
        new Response(new Blob([plain]), {
          status: 200,
          headers: { 'content-length': String(gzipped.byteLength), 'content-encoding': 'gzip' },
        }),
    })
    const seen: TransferProgress[] = []
    await dav.get('a.txt', { onProgress: (p) => seen.push(p) })
    expect(seen.at(-1)).toEqual({ loaded: 10_000, total: undefined })
  })
})
