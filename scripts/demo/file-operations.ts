import type { DavClient } from '../../packages/client/src/index.ts'

/**
 * The setup steps of the session (MKCOL, PUT, DELETE, LOCK, UNLOCK) sent through the client's
 * request pipeline, so they share its auth, retries, timeouts and origin checks. The session only
 * needs to know that they worked; a status it did not expect is an unexpected error.
 */

/** A setup request answered with a status the session cannot continue from. */
export class UnexpectedStatusError extends Error {
  override readonly name = 'UnexpectedStatusError'
  readonly status: number

  constructor(method: string, path: string, status: number, expected: readonly number[]) {
    super(`${method} ${path} answered ${status}, expected ${expected.join(' or ')}`)
    this.status = status
  }
}

/** A lock taken with {@link lock}: its token and the path it was taken on. */
export interface HeldLock {
  readonly path: string
  readonly token: string
}

function urlOf(dav: DavClient, path: string): URL {
  return new URL(path.split('/').map((segment) => encodeURIComponent(segment)).join('/'), dav.baseUrl)
}

async function send(
  dav: DavClient,
  method: string,
  path: string,
  expected: readonly number[],
  extra: { readonly headers?: Record<string, string>; readonly body?: string } = {},
): Promise<{ status: number; headers: Headers }> {
  const response = await dav.pipeline.send({ method, url: urlOf(dav, path), headers: extra.headers, body: extra.body })
  if (!expected.includes(response.status)) throw new UnexpectedStatusError(method, path, response.status, expected)
  return { status: response.status, headers: response.headers }
}

/** MKCOL: creates a collection (201). */
export async function makeCollection(dav: DavClient, path: string): Promise<void> {
  await send(dav, 'MKCOL', path, [201])
}

/** PUT: stores a text file (201 created, 204/200 replaced). */
export async function putText(dav: DavClient, path: string, content: string, contentType: string): Promise<void> {
  await send(dav, 'PUT', path, [200, 201, 204], { headers: { 'content-type': contentType }, body: content })
}

/** DELETE: removes a resource and everything below it (200/204); `404` counts as done when `missingOk`. */
export async function remove(dav: DavClient, path: string, missingOk = false): Promise<number> {
  return (await send(dav, 'DELETE', path, missingOk ? [200, 204, 404] : [200, 204])).status
}

/** Whether a resource exists, by a Depth 0 PROPFIND that asks for nothing but its resource type. */
export async function exists(dav: DavClient, path: string): Promise<boolean> {
  const body = '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>'
  const { status } = await send(dav, 'PROPFIND', path, [207, 404], { headers: { depth: '0' }, body })
  return status === 207
}

/** LOCK: an exclusive write lock, Depth 0, owned by `owner`; returns its token. */
export async function lock(dav: DavClient, path: string, owner: string): Promise<HeldLock> {
  const escaped = owner.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const body =
    '<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>' +
    `<D:locktype><D:write/></D:locktype><D:owner>${escaped}</D:owner></D:lockinfo>`
  const { headers } = await send(dav, 'LOCK', path, [200, 201], { headers: { depth: '0', timeout: 'Second-600' }, body })
  const token = /<([^>]+)>/.exec(headers.get('lock-token') ?? '')?.[1]
  if (token === undefined) throw new Error(`LOCK ${path} answered without a Lock-Token header`)
  return { path, token }
}

/** UNLOCK: releases a lock taken with {@link lock} (204); a lock already gone (409/412) counts as released. */
export async function unlock(dav: DavClient, held: HeldLock): Promise<void> {
  await send(dav, 'UNLOCK', held.path, [200, 204, 409, 412], { headers: { 'lock-token': `<${held.token}>` } })
}
