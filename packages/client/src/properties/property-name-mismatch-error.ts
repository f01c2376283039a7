import type { QName } from '@davkit/types'
import { DavkitError } from '../errors/davkit-error.ts'
import { formatName } from './dav-name.ts'

/** A codec was given a property of another name: a bug in the calling code, not in the server's answer. */
export class PropertyNameMismatchError extends DavkitError {
  readonly code = 'property-name-mismatch' as const
  /** The name the codec decodes. */
  readonly expected: QName
  /** The name of the property it was given. */
  readonly actual: QName

  constructor(expected: QName, actual: QName) {
    super(`A codec for ${formatName(expected)} was given the property ${formatName(actual)}`)
    this.expected = expected
    this.actual = actual
  }
}
