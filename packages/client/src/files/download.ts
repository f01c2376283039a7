import type { ContentRange, DownloadResumability, GetResult } from '@davkit/types'
import type { DavClient } from '../client.ts'
import { HttpStatusError } from '../errors/http-status-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import type { ProgressCallback } from '../http/progress.ts'
import type { ByteRange } from '../methods/get.ts'
import type { StreamResumeOptions } from '../methods/resume-options.ts'
import { FileOperationError } from './file-operation-error.ts'

/** Options of {@link DavFiles.download}. */
export interface DownloadOptions extends RequestOptions {
  /**
   * Continue after a dropped connection (default `true`): the rest is asked for with `Range` and
   * `If-Range`, so a file changed meanwhile ends the stream with a `ContentChangedError` instead
   * of splicing two versions. `false`: one connection, as a plain `get`.
   */
  readonly resume?: boolean | StreamResumeOptions
  /** Part of the file only (`Range`); the stream then holds that part. */
  readonly range?: ByteRange
  /** Bytes handed over so far, each counted once across reconnections. */
  readonly onProgress?: ProgressCallback
}

/** A download under way: the content as a stream, and what the server said about the file. */
export interface Download {
  /**
   * The content as it arrives, read as fast as the caller reads it (nothing is read ahead). Read it
   * to the end or cancel it; the caller's signal also stops it. With `resume`, it fails with a
   * `ContentChangedError` if the file changed while it was being read.
   */
  readonly stream: ReadableStream<Uint8Array>
  /** The size of the whole file, when the server said (a range's `Content-Range` total, else `Content-Length`). */
  readonly size: number | undefined
  /** How many bytes the stream holds, when known (the size, or the length of the range). */
  readonly length: number | undefined
  /** `ETag` as sent. */
  readonly etag: string | undefined
  readonly lastModified: Date | undefined
  readonly contentType: string | undefined
  /** The part of the file the stream holds, for a ranged download the server answered with a range. */
  readonly range: ContentRange | undefined
  /** With `resume` (the default): whether the stream can continue after a dropped connection, else why not. */
  readonly resume: DownloadResumability | undefined
}

/**
 * Starts a download: resolves once the server has answered, with the stream and the file's
 * details. Nothing at `path` fails with outcome `not-found`; a range past the end with outcome
 * `range-not-satisfiable`.
 */
export async function downloadFile(client: DavClient, path: string, options: DownloadOptions = {}): Promise<Download> {
  const { resume = true, ...request } = options
  let result: GetResult<ReadableStream<Uint8Array>>
  try {
    result = await client.get(path, { ...request, as: 'stream', ...(resume === false ? {} : { resume }) })
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404) throw new FileOperationError('download', path, 'not-found', 404)
    throw error
  }
  if (result.kind === 'full') {
    const { data, contentLength, etag, lastModified, contentType } = result
    const details = { size: contentLength, length: contentLength, etag, lastModified, contentType }
    return { stream: data, ...details, range: undefined, resume: result.resume }
  }
  if (result.kind === 'partial') {
    const { data, range, etag, lastModified, contentType } = result
    return {
      stream: data,
      size: range.total,
      length: range.end - range.start + 1,
      etag,
      lastModified,
      contentType,
      range,
      resume: result.resume,
    }
  }
  throw new FileOperationError('download', path, result.kind, result.status)
}
