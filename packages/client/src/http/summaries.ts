import type { RequestSummary, ResponseSummary } from '@davkit/types'
import { redactHeaders, redactSecrets, redactUrl } from './redact.ts'

const EXCERPT_LENGTH = 2048

/** The redacted description of a request, for errors. */
export function summarizeRequest(method: string, url: string | URL, headers: Headers): RequestSummary {
  return { method, url: redactUrl(url), headers: redactHeaders(headers) }
}

/**
 * The redacted description of a response, for errors. `secrets` (the credentials that were sent)
 * are removed from the body excerpt too, in case the server echoed them.
 */
export function summarizeResponse(
  response: { readonly status: number; readonly statusText: string; readonly headers: Headers; readonly url: string },
  body: Uint8Array | undefined,
  secrets: readonly string[],
): ResponseSummary {
  let bodyExcerpt: string | undefined
  if (body !== undefined && body.byteLength > 0) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, EXCERPT_LENGTH * 4))
    bodyExcerpt = redactSecrets(text.slice(0, EXCERPT_LENGTH), secrets)
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: redactHeaders(response.headers),
    url: redactUrl(response.url),
    bodyExcerpt,
  }
}
