import type { ReportResult, XmlElement } from '@davkit/types'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import type { RequestOptions } from '../http/client-options.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import { buildXmlDocument } from '../xml/build-document.ts'
import type { MethodContext } from './method-context.ts'
import { sendAndRead, statusError, undecodableError } from './read-dav-answer.ts'

/** Options of a generic REPORT. */
export interface ReportOptions extends RequestOptions {
  /** `Depth` header; omitted by default (each report defines its own default). */
  readonly depth?: 0 | 1 | 'infinity'
}

/**
 * REPORT (RFC 3253 section 3.6) with any body, answered by a multistatus: CalDAV and CardDAV
 * queries, `expand-property`, or a hand-written `sync-collection`. `body` is an element tree
 * (serialised namespace-exactly) or an XML document as text. A non-2xx status is an
 * `HttpStatusError` carrying the `DAV:error` (403 `supported-report`...); a 2xx that is not a
 * multistatus is an `UndecodableResponseError`.
 *
 * @example
 * const result = await report(dav, 'calendars/work/', element({ namespace: 'urn:ietf:params:xml:ns:caldav', local: 'calendar-query' }, [...]), { depth: 1 })
 */
export async function report(
  context: MethodContext,
  target: DavTarget,
  body: XmlElement | string,
  options: ReportOptions = {},
): Promise<ReportResult> {
  if (typeof body === 'string' && body.trim() === '') throw new InvalidRequestError('REPORT needs a body')
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const headers = new Headers(options.headers)
  if (options.depth !== undefined) {
    if (options.depth !== 0 && options.depth !== 1 && options.depth !== 'infinity') {
      throw new InvalidRequestError(`REPORT depth must be 0, 1 or 'infinity'`)
    }
    headers.set('depth', String(options.depth))
  }
  const request = { method: 'REPORT', url, headers, body: typeof body === 'string' ? body : buildXmlDocument(body), signal: options.signal }
  const { response, reading } = await sendAndRead(context, request, (decoded) => decoded)
  if (response.status < 200 || response.status >= 300) throw statusError(response, reading)
  if (reading.kind !== 'multistatus') throw undecodableError(response, reading)
  return { multistatus: reading.multistatus, status: response.status, attempts: response.attempts }
}
