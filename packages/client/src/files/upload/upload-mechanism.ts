import type { UploadMechanism } from '@davkit/types'
import type { DavClient } from '../../client.ts'
import type { ProgressCallback } from '../../http/progress.ts'
import type { ChunkSource } from './chunk-source.ts'

/** What the server said about itself (`OPTIONS` on the target's folder), read once per upload. */
export interface ServerTransferCapabilities {
  /** `DAV` compliance classes and URIs (`1`, `2`, `<http://apache.org/dav/propset/fs/1>`, `sabredav-partialupdate`...). */
  readonly dav: readonly string[]
  /** The `OPTIONS` answer's headers (`Tus-Resumable`, `Tus-Version`, `Tus-Extension`, `Tus-Max-Size`...). */
  readonly headers: Headers
}

/** One upload as a mechanism carries it out. */
export interface UploadPlan {
  readonly client: DavClient
  /** The file's URL. */
  readonly url: URL
  readonly source: ChunkSource
  /** Bytes per request; the memory an upload holds is bounded by it. */
  readonly chunkSize: number
  readonly contentType: string
  /** `false`: fail as `precondition-failed` when a file is already there. */
  readonly overwrite: boolean
  readonly signal: AbortSignal | undefined
  /** Hears the bytes the server confirmed holding (never counts a byte twice, never goes back). */
  readonly onProgress: ProgressCallback | undefined
  /** The folder's `OPTIONS` answer when the mechanism was chosen from it; a requested mechanism asks itself if it needs it. */
  readonly capabilities?: ServerTransferCapabilities | undefined
}

/** What a mechanism reports when the file is written. */
export interface MechanismDone {
  readonly size: number
  readonly bytesSent: number
  readonly resumes: number
  readonly etag: string | undefined
}

/**
 * One way of getting bytes to a server. `offered` says whether the server's `OPTIONS` shows it;
 * `upload` writes the file, resuming after a failure from the offset the server confirms (never
 * from what was sent), and throws a `FileOperationError` (operation `upload`) when it cannot.
 */
export interface UploadMechanismDriver {
  readonly name: UploadMechanism
  /** Whether the server's `OPTIONS` (on the folder of the file at `url`) shows this mechanism. */
  offered(capabilities: ServerTransferCapabilities, url: URL): boolean
  /** Writes the file, resuming from what the server confirms after a failure. */
  upload(plan: UploadPlan): Promise<MechanismDone>
}
