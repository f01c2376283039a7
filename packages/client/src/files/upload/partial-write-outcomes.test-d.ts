import { describe, expectTypeOf, it } from 'vitest'
import type { FileOperationError, FileOperationOutcome } from '../file-operation-error.ts'

describe('the outcome a partial-write upload adds when another writer changed the file', () => {
  it('is a member of FileOperationOutcome, narrowed on from the error', () => {
    expectTypeOf<'changed-during-upload'>().toMatchTypeOf<FileOperationOutcome>()
    const error = {} as FileOperationError
    if (error.outcome === 'changed-during-upload') expectTypeOf(error.outcome).toEqualTypeOf<'changed-during-upload'>()
    // @ts-expect-error not an outcome
    const wrong: FileOperationOutcome = 'changed-during-uploads'
    void wrong
  })
})
