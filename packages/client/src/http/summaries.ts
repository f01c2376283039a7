import type { RequestSummary, ResponseSummary } from '@davkit/types'
import { redactHeaders, redactSecrets, redactUrl } from './redact.ts'

const EXCERPT_LENGTH = 2048
/** The most bytes of a body a response summary looks at (an excerpt of at most 2,048 characters). */
export const EXCERPT_BYTES: number = EXCERPT_LENGTH * 4
const excerptDecoder = new TextDecoder('utf-8', { fatal: false })

/**
 * The redacted description of a request, for errors. `authHeaders` names the headers (lower case)
 * that came from auth resolution: their values are redacted whatever their names. `shownAs`, when
 * given, is shown in place of the URL (one whose path is itself a credential), as it is.
 */
export function summarizeRequest(
  method: string,
  url: string | URL,
  headers: Headers,
  authHeaders?: ReadonlySet<string>,
  shownAs?: string,
): RequestSummary {
  return { method, url: shownAs ?? redactUrl(url), headers: redactHeaders(headers, authHeaders) }
}

/**
 * The redacted description of a response, for errors. `secrets` (the credentials that were sent)
 * are removed from the body excerpt too, in case the server echoed them. `shownAs` as for
 * `summarizeRequest`.
 */
export function summarizeResponse(
  response: { readonly status: number; readonly statusText: string; readonly headers: Headers; readonly url: string },
  body: Uint8Array | undefined,
  secrets: readonly string[],
  shownAs?: string,
): ResponseSummary {
  let bodyExcerpt: string | undefined
  if (body !== undefined && body.byteLength > 0) {
    const text = excerptDecoder.decode(body.subarray(0, EXCERPT_BYTES))
    bodyExcerpt = redactSecrets(text.slice(0, EXCERPT_LENGTH), secrets)
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: redactHeaders(response.headers),
    url: shownAs ?? redactUrl(response.url),
    bodyExcerpt,
  }
}
