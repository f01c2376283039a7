/**
 * The transfer benchmark's contenders: each moves one file between the client and the transfer
 * server and checks every byte against the content generator, holding no more than the transfer
 * needs. The davkit calls they make are all in this module.
 */
import { createDavClient, createDavFiles, type DavClient, type RetryOptions } from '@davkit/client'
import { fileSource } from '@davkit/client/node'
import { ContentChecker, contentStream } from './transfer-content.ts'

/** One transfer to carry out. */
export interface TransferJob {
  /** The server's base URL. */
  readonly baseUrl: string
  /** The file's path under it (no leading `/`). */
  readonly path: string
  readonly size: number
  /** Bytes per upload request, for the chunked mechanisms. */
  readonly chunkSize: number
  /** A file on disk holding the content, for the contenders that upload from a file. */
  readonly sourceFile: string | undefined
}

/** What a contender reports besides the time it took. */
export interface TransferOutcome {
  /** Bytes delivered to the caller (download) or confirmed written (upload). */
  readonly bytes: number
  /** Resumes after a cut, as the client counted them (undefined when it does not say). */
  readonly resumes: number | undefined
  /** Request body bytes the client sent, resent ones included (uploads that report it). */
  readonly bytesSent: number | undefined
  /** The upload mechanism the client reported using. */
  readonly mechanism: string | undefined
}

/** Carries out one transfer. */
export type TransferContender = (job: TransferJob) => Promise<TransferOutcome>

/**
 * The retry policy of every contender: enough retries for three cuts, and a short, fixed wait
 * before each, so that what is measured is what resuming costs rather than a back-off delay.
 */
export const TRANSFER_RETRY: RetryOptions = { retries: 5, minDelayMs: 10, maxDelayMs: 10, jitter: false }

/**
 * The per-attempt timeout of every contender: a plain PUT of 1 GiB is one attempt, which the
 * default 30 s does not cover on a busy machine.
 */
export const TRANSFER_TIMEOUT_MS = 10 * 60_000

function clientFor(job: TransferJob): DavClient {
  return createDavClient({ baseUrl: job.baseUrl, retry: TRANSFER_RETRY, timeoutMs: TRANSFER_TIMEOUT_MS })
}

/** Reads a download stream to its end, checking each piece as it arrives and keeping none. */
async function readChecked(stream: ReadableStream<Uint8Array>, size: number): Promise<number> {
  const checker = new ContentChecker(size)
  for await (const piece of stream) checker.check(piece)
  checker.finish()
  return checker.offset
}

/**
 * `dav.get(path, { as: 'stream', resume: true })`: one stream that continues across the cuts (its
 * resumes are the server's GET count less one).
 */
const downloadResume: TransferContender = async (job) => {
  const result = await clientFor(job).get(job.path, { as: 'stream', resume: true })
  if (result.kind !== 'full') throw new Error(`GET ${job.path}: ${result.kind}`)
  return { bytes: await readChecked(result.data, job.size), resumes: undefined, bytesSent: undefined, mechanism: undefined }
}

/** The baseline: one plain `dav.get(path, { as: 'stream' })`, no cuts. */
const downloadPlain: TransferContender = async (job) => {
  const result = await clientFor(job).get(job.path, { as: 'stream' })
  if (result.kind !== 'full') throw new Error(`GET ${job.path}: ${result.kind}`)
  return { bytes: await readChecked(result.data, job.size), resumes: undefined, bytesSent: undefined, mechanism: undefined }
}

/** The baseline: one plain streamed `dav.put` with `contentLength`, no cuts. */
const uploadPlain: TransferContender = async (job) => {
  const result = await clientFor(job).put(job.path, contentStream(job.size), { contentLength: job.size })
  if (result.kind !== 'created' && result.kind !== 'replaced') throw new Error(`PUT ${job.path}: ${result.kind}`)
  return { bytes: job.size, resumes: undefined, bytesSent: job.size, mechanism: 'put' }
}

/**
 * `files.upload(path, source, { mechanism, chunkSize })` from a stream that makes the content as it
 * is read, or from a file on disk through `fileSource`.
 */
function uploadWith(mechanism: 'tus' | 'ranged-put', from: 'stream' | 'file'): TransferContender {
  return async (job) => {
    if (from === 'file' && job.sourceFile === undefined) throw new Error('no source file was given')
    const source = from === 'file' && job.sourceFile !== undefined ? await fileSource(job.sourceFile) : contentStream(job.size)
    const done = await createDavFiles(clientFor(job)).upload(job.path, source, { mechanism, chunkSize: job.chunkSize })
    return { bytes: done.size, resumes: done.resumes, bytesSent: done.bytesSent, mechanism: done.mechanism }
  }
}

/** The contenders by name: a resumable one and the plain baseline per direction. */
export const transferContenders = {
  'download-resume': downloadResume,
  'download-plain': downloadPlain,
  'upload-tus': uploadWith('tus', 'stream'),
  'upload-ranged-put': uploadWith('ranged-put', 'stream'),
  'upload-tus-file': uploadWith('tus', 'file'),
  'upload-ranged-put-file': uploadWith('ranged-put', 'file'),
  'upload-plain': uploadPlain,
} as const satisfies Record<string, TransferContender>

/** A transfer contender's name. */
export type TransferContenderName = keyof typeof transferContenders

/**
 * Which direction a contender moves bytes, whether it is the baseline its direction is compared
 * with, and whether it reads a file on disk.
 */
export const TRANSFER_ROLES: Readonly<
  Record<TransferContenderName, { readonly direction: 'download' | 'upload'; readonly baseline: boolean; readonly needsFile: boolean }>
> = {
  'download-resume': { direction: 'download', baseline: false, needsFile: false },
  'download-plain': { direction: 'download', baseline: true, needsFile: false },
  'upload-tus': { direction: 'upload', baseline: false, needsFile: false },
  'upload-ranged-put': { direction: 'upload', baseline: false, needsFile: false },
  'upload-tus-file': { direction: 'upload', baseline: false, needsFile: true },
  'upload-ranged-put-file': { direction: 'upload', baseline: false, needsFile: true },
  'upload-plain': { direction: 'upload', baseline: true, needsFile: false },
}
