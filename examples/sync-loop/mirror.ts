/**
 * A local mirror of a WebDAV folder, kept up to date with RFC 6578 `sync-collection`: the first
 * sync lists everything, later ones only what changed since the stored token. When the server
 * refuses the token (it expired, or the server was restored), the mirror syncs from scratch and
 * drops what is no longer there.
 */
import { davProps, type DavClient } from '@davkit/client'

/** What the mirror holds of one file. */
export interface MirroredFile {
  /** The entity tag of the content below (as sent by the server). */
  readonly etag: string
  readonly content: string
}

/** The local state: the sync token and a copy of every file, by decoded path (`/notes/a.txt`). */
export interface Mirror {
  token: string | undefined
  readonly files: Map<string, MirroredFile>
}

/** What one call of {@link syncMirror} did. */
export interface SyncReport {
  /** `full` for the first sync and after a refused token; `incremental` otherwise. */
  readonly kind: 'full' | 'incremental'
  /** Whether the server refused the stored token, which forced a full sync. */
  readonly tokenRefused: boolean
  /** Paths downloaded (new or changed content), in the server's order. */
  readonly downloaded: readonly string[]
  /** Paths removed from the mirror. */
  readonly removed: readonly string[]
  /** REPORT requests made: more than one when the server sent the changes in pages. */
  readonly requests: number
}

/** Options of {@link syncMirror}. */
export interface SyncOptions {
  /** Ask for at most this many changes per request (`DAV:limit`); the loop follows the pages. */
  readonly pageSize?: number
  readonly signal?: AbortSignal
}

export function createMirror(): Mirror {
  return { token: undefined, files: new Map() }
}

/** Brings `mirror` up to date with `folder` (and everything below it). */
export async function syncMirror(dav: DavClient, folder: string, mirror: Mirror, options: SyncOptions = {}): Promise<SyncReport> {
  let kind: SyncReport['kind'] = mirror.token === undefined ? 'full' : 'incremental'
  let tokenRefused = false
  const downloaded: string[] = []
  const removed: string[] = []
  const listed = new Set<string>()
  let requests = 0
  for (;;) {
    requests += 1
    const result = await dav.syncCollection(folder, {
      token: mirror.token,
      level: 'infinite',
      props: { type: davProps.resourcetype, etag: davProps.getetag },
      ...(options.pageSize === undefined ? {} : { limit: options.pageSize }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    if (result.kind === 'invalid-token') {
      if (mirror.token === undefined) throw new Error(`the server refused an initial sync of ${folder}`)
      // Start over; files the full listing does not mention are removed at the end.
      mirror.token = undefined
      kind = 'full'
      tokenRefused = true
      listed.clear()
      continue
    }
    for (const member of result.changed) {
      const { type, etag } = member.props
      // Folders are not mirrored; without a usable resourcetype, an href ending in '/' names one.
      const isFolder = type.kind === 'value' ? type.value.collection : member.href.path.endsWith('/')
      if (isFolder) continue
      const path = member.href.path
      listed.add(path)
      // An unchanged entity tag means the content we hold is current: no download.
      const known = mirror.files.get(path)
      if (etag.kind === 'value' && known?.etag === etag.value.raw) continue
      const got = await dav.get(member.href, { as: 'text' })
      if (got.kind !== 'full') throw new Error(`GET ${path}: ${got.kind}`)
      mirror.files.set(path, { etag: got.etag ?? '', content: got.data })
      downloaded.push(path)
    }
    for (const href of result.removed) {
      if (mirror.files.delete(href.path)) removed.push(href.path)
    }
    mirror.token = result.token
    if (!result.truncated) break
  }
  if (kind === 'full') {
    for (const path of [...mirror.files.keys()]) {
      if (!listed.has(path)) {
        mirror.files.delete(path)
        removed.push(path)
      }
    }
  }
  return { kind, tokenRefused, downloaded, removed, requests }
}
