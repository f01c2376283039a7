import type { DavResponse } from './request-pipeline.ts'
import { EXCERPT_BYTES } from './summaries.ts'

const EMPTY = new Uint8Array(0)

/**
 * Hands over the body of a buffered response and leaves an empty one in its place, so that a
 * caller that turns the bytes into something else (text, then a decoded multistatus) lets them be
 * collected instead of keeping them alive, through the response, for as long as the result is
 * being built. Reading `response.body` afterwards gives an empty array.
 *
 * The pipeline makes a response's `summary` when it is first read, from the body; a body longer
 * than the summary's excerpt has its summary made now, after which nothing holds the bytes.
 */
export function takeBody(response: DavResponse): Uint8Array {
  const body = response.body
  if (body.byteLength > EXCERPT_BYTES) void response.summary
  ;(response as { body: Uint8Array }).body = EMPTY
  return body
}
