import type { MultiStatus, MultiStatusResponse } from '@davkit/types'
import { bodyText, type XmlBody } from '../xml/text-from-bytes.ts'
import { DEFAULT_MAX_BYTES } from '../xml/xml-limits.ts'
import { MultiStatusReader, type MultiStatusReaderOptions } from './multistatus-reader.ts'

/** Options of {@link decodeMultiStatus}. */
export type DecodeMultiStatusOptions = MultiStatusReaderOptions

/**
 * Decodes a `207 Multi-Status` body (RFC 4918 section 13, 14.16, 14.24; RFC 6578 `sync-token`)
 * into discriminated unions, one entry per `DAV:response`, in document order.
 *
 * - Elements are identified by namespace and local name, never by prefix. Unknown elements are
 *   ignored.
 * - A response is either `kind: 'status'` (`href+, status`: one status shared by every href) or
 *   `kind: 'propstat'` (`href, propstat+`, any number of propstats in any order, `status` before or
 *   after `prop`). A response that fits neither is kept as `kind: 'malformed'` with the reason.
 * - Every property keeps its element and its verbatim text; a 2xx propstat gives `kind: 'value'`,
 *   3xx-5xx gives `kind: 'failed'`, and a missing, empty, garbled or 1xx status gives
 *   `kind: 'status-problem'`.
 * - `error`, `responsedescription` and `location` are decoded where RFC 4918 allows them.
 *
 * To decode a body as it arrives, response by response, use {@link MultiStatusReader}.
 *
 * @throws {DecodeError} when the body is not a multistatus: `empty-body`, `not-xml`,
 *   `malformed-xml`, `doctype-forbidden`, a limit (`too-large`, `too-deep`, `too-many-attributes`,
 *   `too-many-namespaces`, `name-too-long`), `dav-error` (a `DAV:error` root, conditions decoded)
 *   or `unexpected-root`.
 *
 * @example
 * ```ts
 * const multistatus = decodeMultiStatus(body, { requestUrl: 'https://example.com/dav/' })
 * for (const response of multistatus.responses) {
 *   if (response.kind !== 'propstat') continue
 *   for (const property of response.properties) {
 *     if (property.kind === 'value') console.log(response.href.path, property.name.local, property.text)
 *   }
 * }
 * ```
 */
export function decodeMultiStatus(body: XmlBody, options: DecodeMultiStatusOptions = {}): MultiStatus {
  const responses: MultiStatusResponse[] = []
  const reader = new MultiStatusReader(options, (response) => responses.push(response))
  if (typeof body === 'string') reader.writeText(bodyText(body, options.maxBytes ?? DEFAULT_MAX_BYTES))
  else reader.write(body instanceof Uint8Array ? body : new Uint8Array(body))
  const { description, syncToken } = reader.end()
  return { responses, description, syncToken }
}
