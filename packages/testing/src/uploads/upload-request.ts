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

/** A header holding a non-negative decimal integer, or `undefined` when it is absent or anything else. */
export function headerInteger(value: string | null): number | undefined {
  const text = value?.trim()
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined
}
