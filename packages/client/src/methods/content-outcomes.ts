import type { DavError, EntityHeaders, MemberFailure, MultiStatusResponse, ParsedStatus } from '@davkit/types'
import type { DavResponse } from '../http/request-pipeline.ts'
import { parseHttpDate } from '../properties/http-date.ts'

/** The `ETag`, `Content-Type` and `Last-Modified` of an answer. */
export function entityHeadersOf(response: { readonly headers: Headers }): EntityHeaders {
  const modified = response.headers.get('last-modified')
  const date = modified === null ? undefined : parseHttpDate(modified)
  return {
    etag: response.headers.get('etag') ?? undefined,
    contentType: response.headers.get('content-type') ?? undefined,
    lastModified: date,
  }
}

/** The hrefs of the lock conditions of a `DAV:error` (`lock-token-submitted`, `no-conflicting-lock`). */
export function lockedHrefsOf(error: DavError | undefined): string[] {
  if (error === undefined) return []
  return error.conditions
    .filter((c) => c.name.namespace === 'DAV:' && (c.name.local === 'lock-token-submitted' || c.name.local === 'no-conflicting-lock'))
    .flatMap((c) => c.hrefs)
}

const MISSING_STATUS: ParsedStatus = { kind: 'status-problem', problem: 'missing', line: undefined }

/** Every member a multistatus reports as failed (any non-2xx status or unusable status), in document order. */
export function memberFailuresOf(responses: readonly MultiStatusResponse[]): MemberFailure[] {
  const failures: MemberFailure[] = []
  for (const response of responses) {
    const detail = { error: response.error, description: response.description }
    if (response.kind === 'status') {
      if (response.status.kind === 'status' && response.status.class === 'success') continue
      for (const href of response.hrefs) failures.push({ href, status: response.status, ...detail })
    } else if (response.kind === 'propstat') {
      const bad = response.propstats.find((p) => p.status.kind !== 'status' || p.status.class !== 'success')
      if (bad !== undefined) failures.push({ href: response.href, status: bad.status, ...detail })
    } else {
      for (const href of response.hrefs) failures.push({ href, status: MISSING_STATUS, ...detail })
    }
  }
  return failures
}

/** A non-negative integer header value, or `undefined`. */
export function integerHeader(response: DavResponse | { readonly headers: Headers }, name: string): number | undefined {
  const value = response.headers.get(name)?.trim()
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}
