import type { UploadChoice, UploadDone, UploadMechanism } from '@davkit/types'
import { describe, expectTypeOf, test } from 'vitest'
import type { ChunkSource, DavFiles, FileOperationOutcome, UploadOptions, UploadSource } from '../../src/index.ts'
import type { fileSource } from '../../src/node/index.ts'

declare const files: DavFiles

describe('upload types', () => {
  test('files.upload takes every source and resolves to UploadDone', () => {
    expectTypeOf(files.upload('a', 'text')).toEqualTypeOf<Promise<UploadDone>>()
    expectTypeOf<string>().toExtend<UploadSource>()
    expectTypeOf<Uint8Array>().toExtend<UploadSource>()
    expectTypeOf<ArrayBuffer>().toExtend<UploadSource>()
    expectTypeOf<Blob>().toExtend<UploadSource>()
    expectTypeOf<ReadableStream<Uint8Array>>().toExtend<UploadSource>()
    expectTypeOf<ChunkSource>().toExtend<UploadSource>()
    expectTypeOf<Awaited<ReturnType<typeof fileSource>>>().toEqualTypeOf<ChunkSource>()
    // @ts-expect-error a number is no source
    void files.upload('a', 42)
  })

  test('mechanism is auto or one of the mechanisms; the result names the one used and why', () => {
    expectTypeOf<NonNullable<UploadOptions['mechanism']>>().toEqualTypeOf<'auto' | UploadMechanism>()
    expectTypeOf<UploadMechanism>().toEqualTypeOf<'tus' | 'nextcloud-chunking' | 'ranged-put' | 'sabre-patch' | 'put'>()
    expectTypeOf<UploadDone['choice']>().toEqualTypeOf<UploadChoice>()
    // @ts-expect-error not a mechanism
    void files.upload('a', 'x', { mechanism: 'ftp' })
  })

  test("the upload outcomes are FileOperationError's", () => {
    expectTypeOf<
      'mechanism-refused' | 'chunk-refused' | 'not-resumable' | 'offset-mismatch' | 'length-mismatch'
    >().toExtend<FileOperationOutcome>()
  })
})
