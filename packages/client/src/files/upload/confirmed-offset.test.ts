import type { TransferProgress } from '@davkit/types'
import { describe, expect, test } from 'vitest'
import { bytesChunkSource, patternBytes } from '../../../test/support/bytes-chunk-source.ts'
import { ConfirmedOffset } from './confirmed-offset.ts'
import type { UploadPlan } from './upload-mechanism.ts'

function planOf(stream: boolean) {
  const source = bytesChunkSource(patternBytes(100), { stream })
  const progress: TransferProgress[] = []
  const plan = { source, onProgress: (p: TransferProgress) => progress.push(p) } as unknown as UploadPlan
  return { source, progress, held: new ConfirmedOffset(plan) }
}

describe('ConfirmedOffset', () => {
  test('releases and reports each offset once, never going back', () => {
    const { source, progress, held } = planOf(false)
    held.confirm(0)
    held.confirm(40)
    held.confirm(40)
    held.confirm(10)
    held.confirm(100)
    expect(progress.map((p) => p.loaded)).toEqual([0, 40, 100])
    expect(source.released).toBe(100)
  })

  test('goes back behind what was released only with a source that reads any offset again', async () => {
    const seekable = planOf(false)
    seekable.held.confirm(50)
    expect(await seekable.held.canGoBackTo(0)).toBe(true)
    const stream = planOf(true)
    stream.held.confirm(50)
    expect(await stream.held.canGoBackTo(50)).toBe(true)
    expect(await stream.held.canGoBackTo(49)).toBe(false)
  })
})
