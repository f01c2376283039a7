import { describe, expect, test } from 'vitest'
import { BodyLimitExceeded, readBodyCapped } from './read-whole-body.ts'

/** A response whose body arrives in the given chunks, with the given headers. */
function chunked(chunks: readonly number[][], headers: Record<string, string> = {}): { response: Response; cancelled: () => boolean } {
  let index = 0
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[index++]
      if (next === undefined) controller.close()
      else controller.enqueue(new Uint8Array(next))
    },
    cancel() {
      cancelled = true
    },
  })
  return { response: new Response(stream, { headers }), cancelled: () => cancelled }
}

const bytes = (length: number, from = 0): number[] => Array.from({ length }, (_, i) => (from + i) % 256)

describe('readBodyCapped', () => {
  test('joins the chunks of a body of announced length, in order', async () => {
    const { response } = chunked([bytes(3), bytes(4, 3), bytes(5, 7)], { 'content-length': '12' })
    expect([...(await readBodyCapped(response, 100))]).toEqual(bytes(12))
  })

  test('joins the chunks of a body of unknown length, in order', async () => {
    const { response } = chunked([bytes(3), bytes(4, 3), bytes(5, 7)])
    expect([...(await readBodyCapped(response, 100))]).toEqual(bytes(12))
  })

  test('a body that is longer than announced is read whole; one that is shorter is not padded', async () => {
    const longer = chunked([bytes(6), bytes(6, 6)], { 'content-length': '4' })
    expect([...(await readBodyCapped(longer.response, 100))]).toEqual(bytes(12))
    const shorter = chunked([bytes(3)], { 'content-length': '8' })
    expect([...(await readBodyCapped(shorter.response, 100))]).toEqual(bytes(3))
  })

  test('an encoded body is read by its chunks, whatever its Content-Length', async () => {
    const { response } = chunked([bytes(5), bytes(5, 5)], { 'content-length': '3', 'content-encoding': 'gzip' })
    expect([...(await readBodyCapped(response, 100))]).toEqual(bytes(10))
  })

  test('an announced length above the limit is refused before reading', async () => {
    const { response, cancelled } = chunked([bytes(3)], { 'content-length': '50' })
    const error = await readBodyCapped(response, 10).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BodyLimitExceeded)
    expect(error).toMatchObject({ limit: 10, size: 50 })
    expect(cancelled()).toBe(true)
  })

  test('a body growing past the limit is cancelled, with or without an announced length', async () => {
    for (const headers of [{}, { 'content-length': '8' }]) {
      const { response, cancelled } = chunked([bytes(8), bytes(8, 8), bytes(8, 16)], headers)
      const error = await readBodyCapped(response, 12).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BodyLimitExceeded)
      expect(error).toMatchObject({ limit: 12, size: 16 })
      expect(cancelled()).toBe(true)
    }
  })

  test('no body reads as empty', async () => {
    expect((await readBodyCapped(new Response(null, { status: 204 }), 10)).byteLength).toBe(0)
  })
})
