import type { DownloadResumability } from '@davkit/types'
import { parseHttpDate } from '../properties/http-date.ts'

/** A `Last-Modified` at least this much older than the answer's `Date` is a strong validator (RFC 9110 section 8.8.2.2). */
const STRONG_DATE_GAP_MS = 1000

/**
 * Whether a body can be resumed with `Range` + `If-Range`, judged from the headers of the answer
 * it came in, following RFC 9110 section 13.1.5: `If-Range` carries a strong entity tag; a date
 * only when there is no entity tag at all and the date is strong in the sense of section 8.8.2.2
 * (the answer's own `Date` at least one second after it, both from the server's clock). Ranges of
 * a content-coded body count coded bytes, which `fetch` never hands over: such a body is not resumed.
 */
export function resumabilityOf(headers: Headers): DownloadResumability {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase()
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') return { resumable: false, reason: 'encoded' }
  if (headers.get('accept-ranges')?.trim().toLowerCase() === 'none') return { resumable: false, reason: 'no-ranges' }
  const etag = headers.get('etag')?.trim()
  if (etag !== undefined && etag !== '') {
    return isStrongEtag(etag) ? { resumable: true, validator: { kind: 'etag', value: etag } } : { resumable: false, reason: 'weak-etag' }
  }
  const modified = headers.get('last-modified')?.trim()
  if (modified === undefined || modified === '') return { resumable: false, reason: 'no-validator' }
  const modifiedAt = parseHttpDate(modified)
  const dated = headers.get('date')
  const answeredAt = dated === null ? undefined : parseHttpDate(dated)
  if (modifiedAt === undefined || answeredAt === undefined || answeredAt.getTime() - modifiedAt.getTime() < STRONG_DATE_GAP_MS)
    return { resumable: false, reason: 'weak-last-modified' }
  return { resumable: true, validator: { kind: 'last-modified', value: modified } }
}

/** A strong entity tag: a quoted string without the `W/` prefix. */
function isStrongEtag(etag: string): boolean {
  return etag.startsWith('"') && etag.endsWith('"') && etag.length >= 2
}
