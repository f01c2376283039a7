/**
 * Whether a request's body is a stream (a streamed upload) rather than bytes with a known
 * source. The Fetch standard lets only a body with a source be sent in `no-cors` mode, so building
 * such a request from a clone throws exactly for a stream: the same distinction that makes
 * Chromium refuse streamed uploads over HTTP/1.1. The request itself is left unread.
 */
export function hasStreamBody(request: Request): boolean {
  if (request.body === null) return false
  try {
    new Request(request.clone(), { mode: 'no-cors', method: 'POST' })
    return false
  } catch {
    return true
  }
}
