/** What the `cors: true` option of every launcher allows and exposes (one list for all servers). */

/** Every method a WebDAV client sends. */
export const corsAllowMethods: string = 'GET, HEAD, POST, PUT, DELETE, OPTIONS, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK'

/** Every request header a WebDAV client sets. */
export const corsAllowHeaders: string =
  'Authorization, Content-Type, Depth, Destination, Overwrite, If, Lock-Token, Timeout, If-Match, If-None-Match, Range'

/** The response headers a WebDAV client reads. */
export const corsExposeHeaders: string = 'ETag, DAV, Lock-Token, Content-Length, Location'
