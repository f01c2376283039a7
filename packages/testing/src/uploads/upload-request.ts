import type { ServerState } from '../context.ts'

/** A request as the upload mechanisms see it: before the store's path mapping, body already read. */
export interface UploadRequest {
  readonly state: ServerState
  readonly request: Request
  readonly url: URL
  readonly method: string
  /** The body as received; only its first bytes when `bodyCut`. */
  readonly body: Uint8Array
  /** The body was cut short (a fault): keep what the mechanism keeps, the client gets no answer. */
  readonly bodyCut: boolean
}
