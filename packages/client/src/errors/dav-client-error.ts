import type { CrossOriginError } from './cross-origin-error.ts'
import type { DepthRefusedError } from './depth-refused-error.ts'
import type { HttpStatusError } from './http-status-error.ts'
import type { InvalidRequestError } from './invalid-request-error.ts'
import type { RequestAbortedError } from './request-aborted-error.ts'
import type { RequestTimeoutError } from './request-timeout-error.ts'
import type { ResponseTooLargeError } from './response-too-large-error.ts'
import type { TransportError } from './transport-error.ts'
import type { UndecodableResponseError } from './undecodable-response-error.ts'

/**
 * Every error a client method can reject with. Switch on `code`; the union is closed, so a
 * `switch` with a `never` default is checked for exhaustiveness.
 */
export type DavClientError =
  | TransportError
  | RequestTimeoutError
  | RequestAbortedError
  | HttpStatusError
  | DepthRefusedError
  | UndecodableResponseError
  | ResponseTooLargeError
  | CrossOriginError
  | InvalidRequestError
