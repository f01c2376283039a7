/**
 * Methods the IANA HTTP Method Registry marks idempotent that davkit sends. LOCK and POST are not
 * idempotent and are never retried. (GET, HEAD and OPTIONS are safe, hence idempotent, too.)
 */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'PROPFIND',
  'PROPPATCH',
  'COPY',
  'MOVE',
  'MKCOL',
  'DELETE',
  'PUT',
  'UNLOCK',
  'GET',
  'HEAD',
  'OPTIONS',
  'REPORT',
  'SEARCH',
])

/** Whether a method may be sent again after a failure without changing the outcome (case-insensitive). */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase())
}
