import { XMLParser } from 'fast-xml-parser'
import type { DavServer } from '../../src/index.ts'

/** Origin the unit tests address the core with. */
export const ORIGIN = 'http://dav.test'

/** Options of {@link send}. */
export interface SendOptions {
  readonly headers?: Record<string, string>
  readonly body?: string | Uint8Array<ArrayBuffer>
}

/** Sends one request straight to the core (no msw, no HTTP). */
export function send(dav: DavServer, method: string, path: string, options: SendOptions = {}): Promise<Response> {
  const init: RequestInit = { method, headers: options.headers ?? {} }
  if (options.body !== undefined) init.body = options.body
  return dav.handle(new Request(new URL(path, ORIGIN), init))
}

/** One propstat of a parsed response: its status line and its properties by prefixed name. */
export interface ParsedPropstat {
  readonly status: string
  readonly props: Record<string, unknown>
}

/** One `response` of a parsed 207. */
export interface ParsedResponse {
  readonly href: string
  readonly status: string | undefined
  readonly propstats: ParsedPropstat[]
  readonly error: unknown
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => /(^|:)(response|propstat|href)$/.test(name),
})

/**
 * Reads a 207 body written with the default `D:` prefix, with fast-xml-parser in its plain
 * object mode (not the server's own reader), so writer bugs are not mirrored by the test.
 */
export function parseMultistatus(xml: string): { responses: ParsedResponse[]; syncToken: string | undefined } {
  const doc = parser.parse(xml) as Record<string, Record<string, unknown>>
  const root = doc['D:multistatus']
  if (root === undefined) throw new Error(`not a D:multistatus body:\n${xml}`)
  const responses = ((root['D:response'] ?? []) as Record<string, unknown>[]).map((response) => {
    const propstats = ((response['D:propstat'] ?? []) as Record<string, unknown>[]).map((propstat) => {
      const prop = propstat['D:prop']
      return {
        status: String(propstat['D:status']),
        props: typeof prop === 'object' && prop !== null ? (prop as Record<string, unknown>) : {},
      }
    })
    const hrefs = response['D:href'] as string[]
    return {
      href: hrefs[0] ?? '',
      status: response['D:status'] === undefined ? undefined : String(response['D:status']),
      propstats,
      error: response['D:error'],
    }
  })
  const token = root['D:sync-token']
  return { responses, syncToken: token === undefined ? undefined : String(token) }
}

/** The propstat status of a property in a parsed response, and its value; `*:local` matches any prefix. */
export function propOf(response: ParsedResponse | undefined, name: string): { status: string; value: unknown } | undefined {
  const local = name.startsWith('*:') ? name.slice(2) : undefined
  for (const propstat of response?.propstats ?? []) {
    const key = Object.keys(propstat.props).find((candidate) =>
      local === undefined ? candidate === name : candidate.endsWith(`:${local}`),
    )
    if (key !== undefined) return { status: propstat.status, value: propstat.props[key] }
  }
  return undefined
}

/** A PROPFIND body asking for some `DAV:` properties. */
export function propfindBody(...names: string[]): string {
  return `<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop>${names.map((name) => `<D:${name}/>`).join('')}</D:prop></D:propfind>`
}
