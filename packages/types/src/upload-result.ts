/**
 * How an upload reached the server:
 * - `tus`: TUS 1.0 (creation, then `PATCH`es at the offset the server confirms; ownCloud Infinite Scale);
 * - `nextcloud-chunking`: Nextcloud chunked upload v2 (numbered chunks in an upload folder, then a `MOVE` of `.file`);
 * - `ranged-put`: `PUT`s with `Content-Range` (Apache mod_dav);
 * - `sabre-patch`: `PATCH` with `X-Update-Range` (SabreDAV's partial update);
 * - `put`: one plain `PUT` of the whole body.
 */
export type UploadMechanism = 'tus' | 'nextcloud-chunking' | 'ranged-put' | 'sabre-patch' | 'put'

/** Why that mechanism was used: asked for by the caller, seen in the server's `OPTIONS`, or the fallback. */
export type UploadChoice = 'requested' | 'detected' | 'fallback'

/** A finished upload. */
export interface UploadDone {
  readonly mechanism: UploadMechanism
  readonly choice: UploadChoice
  /** The size of the file written. */
  readonly size: number
  /** Request body bytes sent, resent ones included (at least `size`). */
  readonly bytesSent: number
  /** How many times the upload continued from what the server confirmed after a failure. */
  readonly resumes: number
  /** `ETag` of the written file, when the final answer carried one. */
  readonly etag: string | undefined
}
