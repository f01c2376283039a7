import type { RequestContext } from './context.ts'
import { toUrlPath, type StorePath } from './store/paths.ts'
import { reasonPhrase, statusLine } from './status-text.ts'
import { dav, text, type XmlElement, type XmlNode } from './xml/xml-node.ts'
import { writeXml } from './xml/write-xml.ts'

/** A response with an optional plain text body. */
export function plain(status: number, body?: string, headers: Record<string, string> = {}): Response {
  const init: ResponseInit = { status, statusText: reasonPhrase(status), headers: { ...headers } }
  if (body === undefined || status === 204 || status === 304) return new Response(null, init)
  return new Response(body, { ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } })
}

/** An XML response in the server's dialect. */
export function xmlResponse(ctx: RequestContext, status: number, root: XmlElement, headers: Record<string, string> = {}): Response {
  return new Response(writeXml(root, ctx.state.dialect.davPrefix), {
    status,
    statusText: reasonPhrase(status),
    headers: { 'Content-Type': 'application/xml; charset=utf-8', ...headers },
  })
}

/** A `DAV:error` body naming failed preconditions (RFC 4918 section 16). */
export function davErrorResponse(
  ctx: RequestContext,
  status: number,
  conditions: readonly XmlElement[],
  headers: Record<string, string> = {},
): Response {
  return xmlResponse(ctx, status, dav('error', conditions), headers)
}

/** The href of a store path as this server writes it (path or absolute URL, per dialect). */
export function hrefOf(ctx: RequestContext, path: StorePath, isCollection: boolean): string {
  const urlPath = toUrlPath(path, ctx.state.basePath, isCollection)
  return ctx.state.dialect.hrefs === 'absolute' ? `${ctx.url.origin}${urlPath}` : urlPath
}

/** A `DAV:href` element. */
export function hrefElement(ctx: RequestContext, path: StorePath, isCollection: boolean): XmlElement {
  return dav('href', [text(hrefOf(ctx, path, isCollection))])
}

/** A `DAV:status` element in the server's dialect. */
export function statusElement(ctx: RequestContext, status: number): XmlElement {
  return dav('status', [text(statusLine(status, ctx.state.dialect.reasonPhrases))])
}

/** A `DAV:response` with one status for one href, and an optional `DAV:error`. */
export function statusResponse(
  ctx: RequestContext,
  path: StorePath,
  isCollection: boolean,
  status: number,
  error?: readonly XmlElement[],
): XmlElement {
  const children: XmlNode[] = [hrefElement(ctx, path, isCollection), statusElement(ctx, status)]
  if (error !== undefined && error.length > 0) children.push(dav('error', error))
  return dav('response', children)
}

/** A Multi-Status response (207, or another status carrying a multistatus body, as Apache's 424). */
export function multistatus(ctx: RequestContext, responses: readonly XmlNode[], status = 207): Response {
  return xmlResponse(ctx, status, dav('multistatus', responses))
}

/** `DAV:lock-token-submitted` naming the lock roots whose tokens were missing. */
export function lockTokenSubmitted(ctx: RequestContext, roots: readonly { path: StorePath; isCollection: boolean }[]): XmlElement {
  return dav(
    'lock-token-submitted',
    roots.map((root) => hrefElement(ctx, root.path, root.isCollection)),
  )
}
