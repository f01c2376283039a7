import type {
  DeleteResult,
  GetResult,
  LockResult,
  MkcolResult,
  OptionsResult,
  PropRequest,
  PutResult,
  ReportResult,
  SyncResult,
  UnlockResult,
  XmlElement,
} from '@davkit/types'
import type { ContentBody } from '../http/request-content.ts'
import type { DavTarget } from '../paths/resolve-target.ts'
import { deleteResource, type DeleteOptions } from './delete.ts'
import { get, type GetBodyKind, type GetBodyTypes, type GetOptions } from './get.ts'
import { lock, refreshLock, type LockOptions, type RefreshLockOptions } from './lock.ts'
import type { LockSubmission } from './if-header.ts'
import type { MethodContext } from './method-context.ts'
import { mkcol, type MkcolOptions } from './mkcol.ts'
import { options, type OptionsOptions } from './options.ts'
import { put, type PutOptions } from './put.ts'
import { report, type ReportOptions } from './report.ts'
import { syncCollection, type SyncCollectionOptions } from './sync-collection.ts'
import { unlock, type UnlockOptions } from './unlock.ts'

/** The content, collection, lock and sync methods of {@link DavClient}. */
export interface DavContentMethods {
  /**
   * GET: the content as bytes (default), text or a web `ReadableStream`; a byte range; conditional
   * on an entity tag; with download progress; with `resume`, continued after a dropped connection
   * (never splicing two versions of the file).
   *
   * @example
   * const got = await dav.get('notes.md', { as: 'text' })
   * if (got.kind === 'full') console.log(got.data, got.etag)
   * const big = await dav.get('video.mp4', { as: 'stream', resume: true })
   */
  get<K extends GetBodyKind = 'bytes'>(target: DavTarget, options?: GetOptions<K>): Promise<GetResult<GetBodyTypes[K]>>

  /**
   * PUT a string, bytes, a Blob or a stream. `ifMatch` / `ifNoneMatch: '*'` turn a lost update
   * into `precondition-failed`.
   *
   * @example
   * const saved = await dav.put('notes.md', '# Notes', { ifMatch: got.etag })
   * if (saved.kind === 'precondition-failed') console.log('changed meanwhile')
   */
  put(target: DavTarget, body: ContentBody, options?: PutOptions): Promise<PutResult>

  /**
   * DELETE a file or a collection; members that could not be deleted are listed in `partial`, a
   * lock on it or above it is `locked`. Pass the grant from `lock` as `lockToken` to delete under it.
   *
   * @example
   * const gone = await dav.delete('old/')
   * if (gone.kind === 'partial') for (const f of gone.failures) console.log(f.href.path, f.status)
   */
  delete(target: DavTarget, options?: DeleteOptions): Promise<DeleteResult>

  /**
   * MKCOL: create a collection (`parents: true` creates missing parents too).
   *
   * @example
   * const made = await dav.mkcol('a/b/c', { parents: true })
   */
  mkcol(target: DavTarget, options?: MkcolOptions): Promise<MkcolResult>

  /** OPTIONS: DAV compliance classes and allowed methods (default target: the base URL). */
  options(target?: DavTarget, options?: OptionsOptions): Promise<OptionsResult>

  /**
   * LOCK: take a write lock (never retried automatically).
   *
   * @example
   * const held = await dav.lock('report.odt', { timeout: 600, owner: 'alice' })
   * if (held.kind === 'granted') await dav.put('report.odt', bytes, { lockToken: held })
   */
  lock(target: DavTarget, options?: LockOptions): Promise<LockResult>

  /** Refresh a lock (the grant `lock` returned, or its token): reset its timeout. */
  refreshLock(target: DavTarget, lock: string | LockSubmission, options?: RefreshLockOptions): Promise<LockResult>

  /** UNLOCK: release a lock (the grant `lock` returned, or its token). */
  unlock(target: DavTarget, lock: string | LockSubmission, options?: UnlockOptions): Promise<UnlockResult>

  /** REPORT with any body, answered by a multistatus. */
  report(target: DavTarget, body: XmlElement | string, options?: ReportOptions): Promise<ReportResult>

  /**
   * RFC 6578 sync-collection: changes since a token.
   *
   * @example
   * const sync = await dav.syncCollection('Documents/', { token, props: { etag: davProps.getetag } })
   */
  syncCollection<const P extends PropRequest>(target: DavTarget, options: SyncCollectionOptions<P>): Promise<SyncResult<P>>
}

/** Builds the content methods over the client's context. */
export function contentMethods(context: MethodContext): DavContentMethods {
  return {
    get: (target, getOptions) => get(context, target, getOptions),
    put: (target, body, putOptions) => put(context, target, body, putOptions),
    delete: (target, deleteOptions) => deleteResource(context, target, deleteOptions),
    mkcol: (target, mkcolOptions) => mkcol(context, target, mkcolOptions),
    options: (target, optionsOptions) => options(context, target, optionsOptions),
    lock: (target, lockOptions) => lock(context, target, lockOptions),
    refreshLock: (target, token, refreshOptions) => refreshLock(context, target, token, refreshOptions),
    unlock: (target, token, unlockOptions) => unlock(context, target, token, unlockOptions),
    report: (target, body, reportOptions) => report(context, target, body, reportOptions),
    syncCollection: (target, syncOptions) => syncCollection(context, target, syncOptions),
  }
}
