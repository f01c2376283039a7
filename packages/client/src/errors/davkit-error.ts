/**
 * The base of every error davkit throws. Switch on `code` (a string literal per subclass) to
 * tell failures apart; the original failure, if any, is `cause`.
 *
 * Per-resource and per-property outcomes of a 207 are results, never errors: an error means the
 * request as a whole could not be carried out or its answer could not be understood.
 */
export abstract class DavkitError extends Error {
  abstract readonly code: string

  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}
