import { createDavFiles, type DavClient } from '../../packages/client/src/index.ts'
import type { UploadDone } from '../../packages/types/src/index.ts'
import type { Output } from './output.ts'
import type { CellInput } from './table.ts'

/** The file the step sends and reads back: a few chunks, so that a cut lands inside one. */
const SIZE = 3 * 1024 * 1024 + 123
const CHUNK = 1024 * 1024

/**
 * What the embedded fake server can do that a real one is not asked to: drop a connection
 * half-way, and show the requests it received. Absent for a real server.
 */
export interface TransferFaults {
  /** The next upload request's body stops after `bytes` and its connection fails. */
  cutNextUpload(bytes: number): void
  /** The next GET's body stops after `bytes` and its connection fails. */
  cutNextDownload(bytes: number): void
  /** The requests after the one numbered `since`, with the headers that tell a resume. */
  requests(since: number): readonly { readonly method: string; readonly detail: string; readonly status: string }[]
  /** The sequence number of the last request. */
  last(): number
}

/** Bytes that differ from one MiB to the next, so that a piece put at the wrong offset would show. */
function contentOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + (index >>> 20)) & 0xff
  return bytes
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

function uploadRow(path: string, done: UploadDone): CellInput[] {
  return [path, done.mechanism, done.choice, String(done.size), String(done.bytesSent), String(done.resumes)]
}

function showRequests(out: Output, faults: TransferFaults | undefined, since: number): void {
  if (faults === undefined) return
  const rows = faults.requests(since).map((request) => [request.method, request.detail, request.status])
  out.table([{ heading: 'Request' }, { heading: 'Offset or range' }, { heading: 'Answer' }], rows)
}

/**
 * Uploads a file through the best mechanism the server offers and reads it back, each resuming
 * after a dropped connection (dropped on purpose by the embedded fake server), and checks that
 * the bytes read back are the bytes sent.
 */
export async function transferTheFile(dav: DavClient, folder: string, out: Output, faults: TransferFaults | undefined): Promise<void> {
  out.section('Transfers that survive a dropped connection (upload, then Range + If-Range)')
  const files = createDavFiles(dav)
  const path = `${folder}archive.bin`
  const content = contentOf(SIZE)
  if (faults !== undefined) out.note('The embedded fake server drops the connection once during the upload and once during the download.')

  let since = faults?.last() ?? 0
  faults?.cutNextUpload(300 * 1024)
  const done = await files.upload(path, content, { chunkSize: CHUNK })
  const columns = ['File', 'Mechanism', 'Chosen', 'Size', 'Bytes sent', 'Resumes'].map((heading) => ({ heading }))
  out.table(columns, [uploadRow('archive.bin', done)])
  showRequests(out, faults, since)

  since = faults?.last() ?? 0
  faults?.cutNextDownload(CHUNK + 4096)
  const download = await files.download(path)
  const received = await readAll(download.stream)
  const resume = download.resumability
  const resumable = resume === undefined ? 'no' : resume.resumable ? `yes (${resume.validator.kind})` : `no (${resume.reason})`
  out.table(
    [{ heading: 'Read back' }, { heading: 'Resumable' }, { heading: 'Bytes' }, { heading: 'Same as sent' }],
    [['archive.bin', resumable, String(received.byteLength), Buffer.from(received).equals(content) ? 'yes' : 'NO']],
  )
  showRequests(out, faults, since)
}
