import { describe, expect, test } from 'vitest'
import { BodyLimitExceeded } from './read-whole-body.ts'
import { readIntoSink, SinkFailed } from './read-into-sink.ts'

function chunked(chunks: readonly string[], headers: Record<string, string> = {}): { response: Response; cancelled: () => boolean } {
  let index = 0
  let cancelled = false
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[index++]
      if (next === undefined) controller.close()
      else controller.enqueue(encoder.encode(next))
    },
    cancel() {
      cancelled = true
    },
  })
  return { response: new Response(stream, { headers }), cancelled: () => cancelled }
}

const joiner = (): { write: (chunk: Uint8Array) => void; end: () => string } => {
  const parts: string[] = []
  return { write: (chunk) => void parts.push(new TextDecoder().decode(chunk)), end: () => parts.join('|') }
}

describe('readIntoSink', () => {
  test('writes the chunks in order and keeps only the first bytes', async () => {
    const { response } = chunked(['abc', 'defg', 'hij'])
    const sunk = await readIntoSink(response, joiner(), 100, 5)
    expect(sunk.decoded).toBe('abc|defg|hij')
    expect(new TextDecoder().decode(sunk.head)).toBe('abcde')
  })

  test('a body shorter than the kept bytes is kept whole; an empty one ends the sink at once', async () => {
    expect(new TextDecoder().decode((await readIntoSink(chunked(['ab']).response, joiner(), 100, 5)).head)).toBe('ab')
    const empty = await readIntoSink(new Response(null), joiner(), 100, 5)
    expect(empty.decoded).toBe('')
    expect(empty.head.byteLength).toBe(0)
  })

  test('an announced length above the limit is refused before anything is written', async () => {
    const { response, cancelled } = chunked(['abc'], { 'content-length': '3' })
    const writes: number[] = []
    const error = await readIntoSink(response, { write: (c) => void writes.push(c.byteLength), end: () => 0 }, 2, 5).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BodyLimitExceeded)
    expect(writes).toEqual([])
    expect(cancelled()).toBe(true)
  })

  test('a body that grows past the limit is cancelled; the sink never sees the chunk that crossed it', async () => {
    const { response, cancelled } = chunked(['abc', 'def', 'ghi'])
    const sink = joiner()
    const error = await readIntoSink(response, sink, 7, 5).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BodyLimitExceeded)
    expect((error as BodyLimitExceeded).size).toBe(9)
    expect(sink.end()).toBe('abc|def')
    expect(cancelled()).toBe(true)
  })

  test("a sink's error cancels the body and comes back in SinkFailed, unchanged", async () => {
    const { response, cancelled } = chunked(['abc', 'def', 'ghi'])
    const thrown = new Error('bad byte')
    const error = await readIntoSink(
      response,
      {
        write: () => {
          throw thrown
        },
        end: () => 0,
      },
      100,
      5,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SinkFailed)
    expect((error as SinkFailed).error).toBe(thrown)
    expect(cancelled()).toBe(true)
  })
})
