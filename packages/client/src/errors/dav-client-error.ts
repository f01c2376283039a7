import type { ContentChangedError } from './content-changed-error.ts'
import type { CrossOriginError } from './cross-origin-error.ts'
import type { HttpStatusError } from './http-status-error.ts'
import type { InvalidRequestError } from './invalid-request-error.ts'
import type { RequestAbortedError } from './request-aborted-error.ts'
import type { RequestTimeoutError } from './request-timeout-error.ts'
import type { ResponseTooLargeError } from './response-too-large-error.ts'
import type { TransportError } from './transport-error.ts'
import type { UnauthorizedError } from './unauthorized-error.ts'
import type { UndecodableResponseError } from './undecodable-response-error.ts'

/**
 * Every error a client method can reject with. Switch on `code`; the union is closed, so a
 * `switch` with a `never` default is checked for exhaustiveness. (`DepthRefusedError` is an
 * `HttpStatusError`: test it with `instanceof`.)
 */
export type DavClientError =
  | TransportError
  | RequestTimeoutError
  | RequestAbortedError
  | HttpStatusError
  | UnauthorizedError
  | UndecodableResponseError
  | ResponseTooLargeError
  | CrossOriginError
  | InvalidRequestError
  | ContentChangedError
