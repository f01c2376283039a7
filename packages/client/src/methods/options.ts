import type { OptionsResult } from '@davkit/types'
import type { RequestOptions } from '../http/client-options.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'
import type { MethodContext } from './method-context.ts'
import { readResponseBody, statusError } from './read-dav-answer.ts'

/** Options of an OPTIONS request. */
export interface OptionsOptions extends RequestOptions {}

/**
 * Splits a `DAV` header value into compliance classes: comma-separated tokens or `<URI>`s
 * (RFC 4918 section 10.1), whitespace trimmed, empties dropped, duplicates kept once.
 */
export function parseDavHeader(value: string): string[] {
  const classes: string[] = []
  for (const part of value.split(',')) {
    const item = part.trim()
    if (item !== '' && !classes.includes(item)) classes.push(item)
  }
  return classes
}

/**
 * OPTIONS (RFC 4918 section 10.1): the DAV compliance classes and the allowed methods of a
 * resource. Any 2xx is a result; other statuses are `HttpStatusError`s.
 */
export async function options(context: MethodContext, target: DavTarget = '', opts: OptionsOptions = {}): Promise<OptionsResult> {
  const url = resolveTarget(context.pipeline.baseUrl, target)
  const response = await context.pipeline.send({ method: 'OPTIONS', url, headers: opts.headers, signal: opts.signal })
  if (response.status < 200 || response.status >= 300) throw statusError(response, readResponseBody(response))
  const dav = response.headers.get('dav')
  const compliance = dav === null ? [] : parseDavHeader(dav)
  const allow = (response.headers.get('allow') ?? '')
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '')
  return {
    status: response.status,
    attempts: response.attempts,
    compliance,
    // Classes 2 and 3 include class 1 (RFC 4918 section 18); nginx's dav-ext sends `DAV: 2` alone.
    classes: {
      1: compliance.includes('1') || compliance.includes('2') || compliance.includes('3'),
      2: compliance.includes('2'),
      3: compliance.includes('3'),
    },
    allow,
    dav: dav !== null,
  }
}
