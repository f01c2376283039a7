import { describe, expect, test } from 'vitest'
import { bytesChunkSource } from '../../../test/support/bytes-chunk-source.ts'
import { uploadHarness } from '../../../test/support/upload-harness.ts'
import { heldLength } from './held-length.ts'

describe('heldLength', () => {
  test('asks past any cache (Cache-Control: no-cache), once, for the length the server holds', async () => {
    const h = uploadHarness({ seed: { 'f.bin': 'abc' } })
    const held = await heldLength(h.plan('f.bin', bytesChunkSource(new Uint8Array(3))))
    expect(held.length).toBe(3)
    expect(h.sent.map((s) => s.method)).toEqual(['HEAD'])
    expect(h.sent[0]?.headers.get('cache-control')).toBe('no-cache')
  })
})
