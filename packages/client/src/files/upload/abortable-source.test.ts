import { describe, expect, test } from 'vitest'
import { RequestAbortedError } from '../../errors/request-aborted-error.ts'
import { abortableSource } from './abortable-source.ts'
import { bytesSource } from './bytes-source.ts'
import type { ChunkSource } from './chunk-source.ts'

const url = new URL('https://user:secret@dav.example/f.bin')

function stalled(): ChunkSource & { closed: number } {
  const source = {
    closed: 0,
    size: undefined,
    read: () => new Promise<Uint8Array>(() => undefined),
    release: () => undefined,
    close: async () => {
      source.closed++
    },
  }
  return source
}

describe('abortableSource', () => {
  test('without a signal the source is itself; with one, reads and releases go through', async () => {
    const inner = bytesSource(new Uint8Array([1, 2, 3]))
    expect(abortableSource(inner, url, undefined)).toBe(inner)
    const wrapped = abortableSource(inner, url, new AbortController().signal)
    expect(wrapped.size).toBe(3)
    expect(await wrapped.read(1, 5)).toEqual(new Uint8Array([2, 3]))
  })

  test('a read waiting on the source rejects when the signal fires, and the source is closed once', async () => {
    const inner = stalled()
    const controller = new AbortController()
    const wrapped = abortableSource(inner, url, controller.signal)
    const reading = wrapped.read(0, 10)
    controller.abort(new Error('stop'))
    const error = await reading.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestAbortedError)
    expect(error).toMatchObject({ cause: new Error('stop') })
    expect(String((error as Error).message)).not.toContain('secret')
    await wrapped.close()
    expect(inner.closed).toBe(1)
    // Aborted already: a read rejects at once.
    await expect(wrapped.read(0, 1)).rejects.toBeInstanceOf(RequestAbortedError)
  })
})
