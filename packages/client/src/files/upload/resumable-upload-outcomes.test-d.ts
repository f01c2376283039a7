import { describe, expectTypeOf, it } from 'vitest'
import type { FileOperationError, FileOperationOutcome } from '../file-operation-error.ts'
import { nextcloudChunkedUpload } from './nextcloud-chunked-upload.ts'
import { tusUpload } from './tus-upload.ts'
import type { MechanismDone, ServerTransferCapabilities, UploadMechanismDriver, UploadPlan } from './upload-mechanism.ts'

describe('the outcomes TUS and Nextcloud chunking add to an upload failure', () => {
  it('are members of FileOperationOutcome, narrowed on from the error', () => {
    expectTypeOf<
      'too-large' | 'size-unknown' | 'cross-origin-location' | 'upload-expired' | 'mechanism-refused' | 'chunk-refused' | 'offset-mismatch'
    >().toMatchTypeOf<FileOperationOutcome>()
    // The error's outcome is the union itself, so a switch on it is checked for exhaustiveness.
    expectTypeOf<FileOperationError['outcome']>().toEqualTypeOf<FileOperationOutcome>()
    // @ts-expect-error not an outcome
    const wrong: FileOperationOutcome = 'size-unknow'
    void wrong
  })

  it('each driver is an UploadMechanismDriver whose upload resolves to MechanismDone', () => {
    expectTypeOf(tusUpload).toEqualTypeOf<UploadMechanismDriver>()
    expectTypeOf(nextcloudChunkedUpload).toEqualTypeOf<UploadMechanismDriver>()
    expectTypeOf(tusUpload.upload).returns.resolves.toEqualTypeOf<MechanismDone>()
  })

  it('a plan may carry the OPTIONS answer the mechanism was detected from', () => {
    expectTypeOf<UploadPlan['capabilities']>().toEqualTypeOf<ServerTransferCapabilities | undefined>()
  })
})
