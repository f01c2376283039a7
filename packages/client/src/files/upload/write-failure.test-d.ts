import { describe, expectTypeOf, it } from 'vitest'
import type { FileOperationError } from '../file-operation-error.ts'

describe('FileOperationError of a refused chunk', () => {
  it('carries the delay the server asked for, or none', () => {
    expectTypeOf<FileOperationError['retryAfterMs']>().toEqualTypeOf<number | undefined>()
  })
})
