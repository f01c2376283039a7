import type { DavError } from './dav-error.ts'
import type { ResourceHref } from './href.ts'
import type { ParsedStatus } from './status.ts'

/**
 * One resource a multistatus reported as failed: a member of a collection that could not be
 * copied, moved, deleted or locked, the locked collection above a write, a member of a listing.
 */
export interface MemberFailure {
  readonly href: ResourceHref
  readonly status: ParsedStatus
  readonly error: DavError | undefined
  readonly description: string | undefined
}
