import { davProps, HttpStatusError, type DavClient } from '../../packages/client/src/index.ts'

/**
 * The setup steps of the session (MKCOL, PUT, DELETE, LOCK, UNLOCK) through the client's own
 * methods. The session only needs to know that they worked: any other outcome is an unexpected
 * error that ends the demo (after cleanup).
 */

/** A setup step answered with an outcome the session cannot continue from. */
export class UnexpectedOutcomeError extends Error {
  override readonly name = 'UnexpectedOutcomeError'
  readonly status: number

  constructor(method: string, path: string, kind: string, status: number) {
    super(`${method} ${path}: ${kind} (HTTP ${status})`)
    this.status = status
  }
}

/** A lock taken with {@link lock}: its token and the path it was taken on. */
export interface HeldLock {
  readonly path: string
  readonly token: string
}

/** MKCOL: creates a collection. */
export async function makeCollection(dav: DavClient, path: string): Promise<void> {
  const result = await dav.mkcol(path)
  if (result.kind !== 'created') throw new UnexpectedOutcomeError('MKCOL', path, result.kind, result.status)
}

/** PUT: stores a text file (created or replaced). */
export async function putText(dav: DavClient, path: string, content: string, contentType: string): Promise<void> {
  const result = await dav.put(path, content, { contentType })
  if (result.kind !== 'created' && result.kind !== 'replaced') throw new UnexpectedOutcomeError('PUT', path, result.kind, result.status)
}

/** DELETE: removes a resource and everything below it. */
export async function remove(dav: DavClient, path: string): Promise<void> {
  const result = await dav.delete(path)
  if (result.kind !== 'deleted') throw new UnexpectedOutcomeError('DELETE', path, result.kind, result.status)
}

/** Whether a resource exists: a Depth 0 PROPFIND of its resource type, 404 meaning no. */
export async function exists(dav: DavClient, path: string): Promise<boolean> {
  try {
    await dav.propfind(path, { depth: 0, props: { type: davProps.resourcetype } })
    return true
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404) return false
    throw error
  }
}

/** LOCK: an exclusive write lock, Depth 0, owned by `owner`, for ten minutes. */
export async function lock(dav: DavClient, path: string, owner: string): Promise<HeldLock> {
  const result = await dav.lock(path, { scope: 'exclusive', depth: 0, timeout: 600, owner })
  if (result.kind !== 'granted') throw new UnexpectedOutcomeError('LOCK', path, result.kind, result.status)
  return { path, token: result.token }
}

/** UNLOCK: releases a lock taken with {@link lock}; a lock already gone counts as released. */
export async function unlock(dav: DavClient, held: HeldLock): Promise<void> {
  const result = await dav.unlock(held.path, held.token)
  if (result.kind === 'forbidden') throw new UnexpectedOutcomeError('UNLOCK', held.path, result.kind, result.status)
}
