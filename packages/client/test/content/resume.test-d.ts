import type { ContentChangeReason, DownloadResumability, GetResult, NotResumableReason, ResumeValidator } from '@davkit/types'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type ContentChangedError,
  createDavClient,
  createDavFiles,
  type DavClientError,
  type Download,
  type GetResume,
  type StreamResumeOptions,
} from '../../src/index.ts'

const dav = createDavClient({ baseUrl: 'https://dav.example/' })

describe('resume on GET', () => {
  it('takes true or options for every body kind', () => {
    expectTypeOf(dav.get('a', { as: 'stream', resume: true })).resolves.toEqualTypeOf<GetResult<ReadableStream<Uint8Array>>>()
    expectTypeOf(dav.get('a', { resume: { retries: 3, onChange: 'restart' } })).resolves.toEqualTypeOf<GetResult<Uint8Array>>()
    expectTypeOf(dav.get('a', { as: 'text', resume: { onChange: 'restart' } })).resolves.toEqualTypeOf<GetResult<string>>()
    expectTypeOf(dav.get('a', { as: 'stream', resume: { onChange: 'fail', retries: 1 } })).resolves.toEqualTypeOf<
      GetResult<ReadableStream<Uint8Array>>
    >()
  })

  it("refuses onChange 'restart' for a stream at compile time", () => {
    // @ts-expect-error a stream cannot take back what it handed over
    void dav.get('a', { as: 'stream', resume: { onChange: 'restart' } })
    expectTypeOf<GetResume<'stream'>>().toEqualTypeOf<boolean | StreamResumeOptions>()
    expectTypeOf<NonNullable<StreamResumeOptions['onChange']>>().toEqualTypeOf<'fail'>()
  })

  it('says on the result whether the body can be resumed, narrowed on resumable', () => {
    const result = {} as GetResult<Uint8Array>
    if (result.kind === 'full' && result.resume !== undefined) {
      expectTypeOf(result.resume).toEqualTypeOf<DownloadResumability>()
      if (result.resume.resumable) expectTypeOf(result.resume.validator).toEqualTypeOf<ResumeValidator>()
      else expectTypeOf(result.resume.reason).toEqualTypeOf<NotResumableReason>()
    }
  })
})

describe('ContentChangedError', () => {
  it('narrows from the client error union by code', () => {
    const error = {} as DavClientError
    if (error.code === 'content-changed') {
      expectTypeOf(error).toEqualTypeOf<ContentChangedError>()
      expectTypeOf(error.reason).toEqualTypeOf<ContentChangeReason>()
      expectTypeOf(error.expected).toEqualTypeOf<ResumeValidator>()
      expectTypeOf(error.found).toEqualTypeOf<string | undefined>()
      expectTypeOf(error.delivered).toEqualTypeOf<number>()
    }
  })
})

describe('files.download', () => {
  it('gives a stream and the file details', () => {
    const files = createDavFiles(dav)
    expectTypeOf(files.download('a')).resolves.toEqualTypeOf<Download>()
    expectTypeOf<Download['stream']>().toEqualTypeOf<ReadableStream<Uint8Array>>()
    expectTypeOf<Download['size']>().toEqualTypeOf<number | undefined>()
    // @ts-expect-error a download is a stream: it cannot restart
    void files.download('a', { resume: { onChange: 'restart' } })
    void files.readBytes('a', { resume: { onChange: 'restart' } })
  })
})
