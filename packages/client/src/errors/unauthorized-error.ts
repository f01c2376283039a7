import type { Challenge } from '../http/challenge.ts'
import { DavRequestError, type DavRequestErrorOptions } from './dav-request-error.ts'

/**
 * The server refused the credentials twice: those an auth function returned, then the fresh ones
 * it returned when told of the refusal. `challenges` are the last `WWW-Authenticate` challenges.
 */
export class UnauthorizedError extends DavRequestError {
  override readonly code: 'unauthorized' = 'unauthorized'
  readonly challenges: readonly Challenge[]

  constructor(message: string, options: DavRequestErrorOptions & { readonly challenges: readonly Challenge[] }) {
    super(message, options)
    this.challenges = options.challenges
  }
}
