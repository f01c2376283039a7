import { DavkitError } from './davkit-error.ts'

/**
 * The call itself was invalid and nothing was sent: a path with a `.` or `..` segment, a property
 * name that is not an XML name, text with characters XML cannot carry, a bad option value.
 */
export class InvalidRequestError extends DavkitError {
  override readonly code: 'invalid-request' = 'invalid-request'
}
