import { describe, expect, test } from 'vitest'
import type { ChunkSource } from './chunk-source.ts'
import { chunkSourceOf, nativeBodyOf } from './chunk-source-of.ts'

describe('chunkSourceOf', () => {
  test('text as UTF-8, bytes and ArrayBuffers as they are, each read a view clipped at the end', async () => {
    const text = chunkSourceOf('aé€')
    expect(text.size).toBe(6)
    expect(new TextDecoder().decode(await text.read(1, 2))).toBe('é')
    expect(await text.read(4, 10)).toHaveLength(2)
    expect(await text.read(10, 10)).toHaveLength(0)
    const bytes = new Uint8Array([1, 2, 3])
    expect(nativeBodyOf(chunkSourceOf(bytes))).toBe(bytes)
    expect(Array.from(await chunkSourceOf(bytes.buffer).read(1, 5))).toEqual([2, 3])
  })

  test('a Blob is read by slices, and remembered for a plain PUT', async () => {
    const blob = new Blob(['hello world'])
    const source = chunkSourceOf(blob)
    expect(source.size).toBe(11)
    expect(new TextDecoder().decode(await source.read(6, 5))).toBe('world')
    expect(nativeBodyOf(source)).toBe(blob)
  })

  test('a stream has no size until read to its end', () => {
    expect(chunkSourceOf(new ReadableStream()).size).toBeUndefined()
  })

  test('a ChunkSource is passed through; anything else is a TypeError', () => {
    const own: ChunkSource = { size: 0, read: async () => new Uint8Array(), release: () => undefined, close: async () => undefined }
    expect(chunkSourceOf(own)).toBe(own)
    expect(nativeBodyOf(own)).toBeUndefined()
    expect(() => chunkSourceOf(42 as never)).toThrow(TypeError)
  })
})
