import { DavkitError } from '../errors/davkit-error.ts'

/** A codec was defined with a local name that is not an XML NCName (empty, or with a `:` or space). */
export class InvalidPropertyNameError extends DavkitError {
  readonly code = 'invalid-property-name' as const
  /** The rejected local name. */
  readonly local: string

  constructor(local: string) {
    super(`Invalid property name ${JSON.stringify(local)}: a local name must be a non-empty XML NCName`)
    this.local = local
  }
}
