import type { DavResponse } from './request-pipeline.ts'

const EMPTY = new Uint8Array(0)

/**
 * Hands over the body of a buffered response and leaves an empty one in its place, so that a
 * caller that turns the bytes into something else (text, then a decoded multistatus) lets them be
 * collected instead of keeping them alive, through the response, for as long as the result is
 * being built. Reading `response.body` afterwards gives an empty array.
 */
export function takeBody(response: DavResponse): Uint8Array {
  const body = response.body
  ;(response as { body: Uint8Array }).body = EMPTY
  return body
}
