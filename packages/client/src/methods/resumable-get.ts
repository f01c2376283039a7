import type { DownloadResumability, GetFull, GetPartial } from '@davkit/types'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { ResponseTooLargeError } from '../errors/response-too-large-error.ts'
import { joinChunks } from '../http/join-chunks.ts'
import type { DavResponse } from '../http/request-pipeline.ts'
import { decodeBodyText } from '../xml/text-from-bytes.ts'
import { entityHeadersOf, integerHeader } from './content-outcomes.ts'
import { parseContentRange } from './content-range.ts'
import { ResumableBody, type ResumableBodyOptions } from './resumable-body.ts'
import type { BufferedResumeOptions } from './resume-options.ts'

/** The `resume` option with its defaults applied. */
export interface ResumeSettings {
  readonly retries: number
  readonly onChange: 'fail' | 'restart'
}

/**
 * Checks and completes the `resume` option: undefined when not asked for. `defaultRetries` is the
 * client's `retry.retries`. A stream cannot restart (its bytes are gone to the caller).
 */
export function resumeSettings(
  resume: boolean | BufferedResumeOptions | undefined,
  kind: string,
  defaultRetries: number,
): ResumeSettings | undefined {
  if (resume === undefined || resume === false) return undefined
  const given: BufferedResumeOptions = resume === true ? {} : resume
  const onChange = given.onChange ?? 'fail'
  if (onChange !== 'fail' && onChange !== 'restart') {
    throw new InvalidRequestError(`resume.onChange must be 'fail' or 'restart', got ${String(onChange)}`)
  }
  if (onChange === 'restart' && kind === 'stream') {
    throw new InvalidRequestError(
      "resume.onChange 'restart' needs a body read whole (as 'bytes' or 'text'): a stream cannot take back what it handed over",
    )
  }
  const retries = given.retries ?? defaultRetries
  if (!Number.isSafeInteger(retries) || retries < 0) {
    throw new InvalidRequestError(`resume.retries must be a non-negative integer, got ${String(retries)}`)
  }
  return { retries, onChange }
}

/** The body handed over as a stream that continues across dropped connections; nothing is read ahead. */
export function resumableStream(body: ResumableBody): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const step = await body.read()
        if (step.kind === 'data') controller.enqueue(step.chunk)
        else if (step.kind === 'end') controller.close()
        else throw new InvalidRequestError('a streamed body cannot restart')
      },
      cancel: (reason) => body.cancel(reason),
    },
    { highWaterMark: 0 },
  )
}

/** Reads the whole body, across reconnections and restarts, within `maxBytes`. */
async function readWhole(body: ResumableBody, maxBytes: number): Promise<Uint8Array> {
  let chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const step = await body.read()
    if (step.kind === 'end') break
    if (step.kind === 'restart') {
      chunks = []
      size = 0
      continue
    }
    size += step.chunk.byteLength
    if (size > maxBytes) {
      await body.cancel()
      const answer = body.current
      throw new ResponseTooLargeError(`GET ${answer.summary.url}: response body exceeds maxResponseBytes (${maxBytes} bytes)`, {
        request: answer.request,
        response: answer.summary,
        attempts: answer.attempts,
        limit: maxBytes,
      })
    }
    chunks.push(step.chunk)
  }
  return joinChunks(chunks, size)
}

function resultOf<T>(response: DavResponse, data: T, resume: DownloadResumability): GetFull<T> | GetPartial<T> {
  const { status, attempts } = response
  if (status === 206) {
    const range = parseContentRange(response.headers.get('content-range'))
    if (range === undefined || !('start' in range)) {
      throw new HttpStatusError(`GET ${response.summary.url}: 206 without a usable Content-Range`, {
        request: response.request,
        response: response.summary,
        attempts,
        status,
      })
    }
    return { kind: 'partial', status, attempts, data, range, ...entityHeadersOf(response), resume }
  }
  return {
    kind: 'full',
    status,
    attempts,
    data,
    contentLength: integerHeader(response, 'content-length'),
    ...entityHeadersOf(response),
    resume,
  }
}

/**
 * The result of a GET asked to `resume`, from its first answer (a 200, or a 206 with a usable
 * `Content-Range`): a stream that continues across dropped connections, or the whole body read
 * so (after a restart, the result describes the version that was read).
 */
export async function resumedGet(
  kind: string,
  first: DavResponse,
  options: ResumableBodyOptions,
  maxBytes: number,
): Promise<GetFull<unknown> | GetPartial<unknown>> {
  const body = new ResumableBody(first, options)
  if (kind === 'stream') return resultOf(first, resumableStream(body), body.resumability)
  const bytes = await readWhole(body, maxBytes)
  const answer = body.current
  const data = kind === 'text' ? decodeBodyText(bytes, answer.headers.get('content-type'), Number.POSITIVE_INFINITY) : bytes
  return resultOf(answer, data, body.resumability)
}
