/**
 * Which resumable upload mechanisms the server offers, each switchable so that a client's
 * fallbacks can be tested one by one. All are off by default: the server then behaves as RFC 9110
 * asks of one that does not take partial writes (a `PUT` with `Content-Range` is refused with 400).
 */
export interface DavServerUploads {
  /** `PUT` with `Content-Range` writes that range, as Apache mod_dav does; `OPTIONS` then lists `<http://apache.org/dav/propset/fs/1>` in `DAV`, as Apache's does. */
  readonly rangedPut?: boolean
  /** `PATCH` with `X-Update-Range`, SabreDAV's partial update; `OPTIONS` then lists `sabredav-partialupdate` in `DAV`. */
  readonly sabrePatch?: boolean
  /** TUS 1.0 (core, creation, termination) at every collection URL, as ownCloud Infinite Scale offers it; `OPTIONS` then answers the `Tus-*` headers. */
  readonly tus?: boolean
  /**
   * Nextcloud chunked upload v2: upload folders under this URL path (for example
   * `/remote.php/dav/uploads/alice/`), numbered chunks put into them and assembled by a `MOVE` of
   * `.file` to the `Destination`.
   */
  readonly nextcloudChunking?: { readonly uploadsPath: string }
}

/** The upload mechanisms with every option decided. */
export interface ResolvedUploads {
  readonly rangedPut: boolean
  readonly sabrePatch: boolean
  readonly tus: boolean
  /** The uploads URL path, `/`-terminated, or `undefined` when chunking is off. */
  readonly nextcloudUploadsPath: string | undefined
}

/** Fills in the defaults (everything off). */
export function resolveUploads(uploads: DavServerUploads = {}): ResolvedUploads {
  const path = uploads.nextcloudChunking?.uploadsPath
  return {
    rangedPut: uploads.rangedPut ?? false,
    sabrePatch: uploads.sabrePatch ?? false,
    tus: uploads.tus ?? false,
    nextcloudUploadsPath: path === undefined ? undefined : path.endsWith('/') ? path : `${path}/`,
  }
}
