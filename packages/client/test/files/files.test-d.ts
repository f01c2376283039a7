import type { FileEntry, FileEntryCollection, FileEntryFile, MemberFailure, PutCreated, PutReplaced, ResourceHref } from '@davkit/types'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createDavClient,
  createDavFiles,
  filePathOf,
  urlOfFilePath,
  type DavFiles,
  type FileOperation,
  type FileOperationError,
  type FileOperationOutcome,
  type TransferDone,
} from '../../src/index.ts'

const files: DavFiles = createDavFiles(createDavClient({ baseUrl: 'https://dav.example/' }))

describe('file-level entries', () => {
  it('list and stat give FileEntry, a union narrowed by kind', () => {
    expectTypeOf(files.list('a')).resolves.toEqualTypeOf<FileEntry[]>()
    expectTypeOf(files.stat('a')).resolves.toEqualTypeOf<FileEntry>()
    // `unknown`: the server did not report the type usably (a failed resourcetype propstat).
    expectTypeOf<FileEntry['kind']>().toEqualTypeOf<'file' | 'collection' | 'unknown'>()
  })

  it('common fields are plain typed values on every entry', () => {
    expectTypeOf<FileEntry['path']>().toEqualTypeOf<string>()
    expectTypeOf<FileEntry['name']>().toEqualTypeOf<string>()
    expectTypeOf<FileEntry['href']>().toEqualTypeOf<ResourceHref>()
    expectTypeOf<FileEntry['modified']>().toEqualTypeOf<Date | undefined>()
    expectTypeOf<FileEntry['created']>().toEqualTypeOf<Date | undefined>()
    expectTypeOf<FileEntry['etag']>().toEqualTypeOf<string | undefined>()
  })

  it('size and contentType exist on files only', () => {
    const entry = {} as FileEntry
    // @ts-expect-error size is not known before narrowing
    void entry.size
    if (entry.kind === 'file') {
      expectTypeOf(entry).toEqualTypeOf<FileEntryFile>()
      expectTypeOf(entry.size).toEqualTypeOf<number | undefined>()
      expectTypeOf(entry.contentType).toEqualTypeOf<string | undefined>()
    } else if (entry.kind === 'collection') {
      expectTypeOf(entry).toEqualTypeOf<FileEntryCollection>()
      expectTypeOf(entry).not.toHaveProperty('size')
    } else {
      expectTypeOf(entry).toEqualTypeOf<Extract<FileEntry, { kind: 'unknown' }>>()
      expectTypeOf(entry).not.toHaveProperty('size')
    }
  })

  it('reads and writes are typed by what they move', () => {
    expectTypeOf(files.readText('a')).resolves.toEqualTypeOf<string>()
    expectTypeOf(files.readBytes('a')).resolves.toEqualTypeOf<Uint8Array>()
    expectTypeOf(files.writeText('a', 'x')).resolves.toEqualTypeOf<PutCreated | PutReplaced>()
    expectTypeOf(files.exists('a')).resolves.toEqualTypeOf<boolean>()
    expectTypeOf(files.createFolder('a')).resolves.toEqualTypeOf<boolean>()
    // @ts-expect-error writeText takes text, writeBytes the rest
    void files.writeText('a', new Uint8Array())
    // @ts-expect-error writeBytes does not take a string
    void files.writeBytes('a', 'text')
  })
})

describe('file-level errors and transfers', () => {
  it('FileOperationError.outcome and operation are literal unions', () => {
    const error = {} as FileOperationError
    expectTypeOf(error.operation).toEqualTypeOf<FileOperation>()
    expectTypeOf(error.outcome).toEqualTypeOf<FileOperationOutcome>()
    expectTypeOf<
      'weak-etag' | 'not-found' | 'partial' | 'locked' | 'failed-dependency' | 'precondition-failed'
    >().toMatchTypeOf<FileOperationOutcome>()
    // @ts-expect-error not an outcome
    const wrong: FileOperationOutcome = 'missing'
    void wrong
    expectTypeOf(error.failures).toEqualTypeOf<readonly MemberFailure[]>()
  })

  it('copy, move and rename resolve to what was done; paths convert both ways', () => {
    expectTypeOf(files.copy('a', 'b')).resolves.toEqualTypeOf<TransferDone>()
    expectTypeOf<TransferDone['kind']>().toEqualTypeOf<'created' | 'replaced' | 'succeeded'>()
    expectTypeOf(files.rename('a', 'b', { overwrite: true })).resolves.toEqualTypeOf<TransferDone>()
    expectTypeOf(files.pathOf).parameter(0).toEqualTypeOf<ResourceHref | URL | string>()
    expectTypeOf(files.urlOf('a')).toEqualTypeOf<URL>()
    expectTypeOf(filePathOf).returns.toEqualTypeOf<string>()
    expectTypeOf(urlOfFilePath).returns.toEqualTypeOf<URL>()
  })

  it('listEach and walk hand out file entries as they arrive', async () => {
    expectTypeOf(files.listEach('a')).toEqualTypeOf<AsyncIterable<FileEntry>>()
    expectTypeOf(files.walk('a', { maxDepth: 2 })).toEqualTypeOf<AsyncIterable<FileEntry>>()
    for await (const entry of files.walk()) {
      if (entry.kind === 'file') expectTypeOf(entry.size).toEqualTypeOf<number | undefined>()
    }
    // @ts-expect-error: maxDepth is a number of levels
    files.walk('a', { maxDepth: 'all' })
  })
})
