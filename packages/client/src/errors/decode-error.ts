import type { DecodeFailure } from '@davkit/types'
import { copyString } from '../xml/string-copy.ts'
import { DavkitError } from './davkit-error.ts'

/** The longest `snippet` a {@link DecodeError} carries, in characters. */
export const DECODE_SNIPPET_MAX_LENGTH = 200

/**
 * A response body could not be decoded as the XML document expected (a 207 multistatus, a
 * `DAV:error`, a `DAV:prop`...). Switch on `failure.code` to tell why. `code` is always `'decode'`.
 *
 * The body itself is never attached: `snippet` holds at most {@link DECODE_SNIPPET_MAX_LENGTH}
 * characters around the problem, enough to recognise an HTML error page or a broken tag.
 *
 * @example
 * ```ts
 * try {
 *   decodeMultiStatus(body)
 * } catch (error) {
 *   if (error instanceof DecodeError && error.failure.code === 'malformed-xml') {
 *     console.log(error.failure.line, error.failure.column, error.snippet)
 *   }
 * }
 * ```
 */
export class DecodeError extends DavkitError {
  override readonly code: 'decode' = 'decode'
  /** Why the body could not be decoded. */
  readonly failure: DecodeFailure
  /** A bounded excerpt of the body around the problem, or `undefined` when there is nothing to show. */
  readonly snippet: string | undefined

  constructor(failure: DecodeFailure, snippet?: string, options?: ErrorOptions) {
    super(describeFailure(failure), options)
    this.failure = failure
    // A copy: an error kept by a caller must not keep the body it quotes.
    this.snippet = snippet === undefined ? undefined : copyString(snippet.slice(0, DECODE_SNIPPET_MAX_LENGTH))
  }
}

function describeFailure(failure: DecodeFailure): string {
  switch (failure.code) {
    case 'empty-body':
      return 'The response body is empty'
    case 'not-xml':
      return `The response body is not XML${failure.contentType === undefined ? '' : ` (content type ${failure.contentType})`}`
    case 'malformed-xml':
      return `The response body is not well-formed XML at line ${failure.line}, column ${failure.column}: ${failure.reason}`
    case 'doctype-forbidden':
      return 'The response body carries a DOCTYPE or entity declaration, which is refused'
    case 'too-large':
      return `The response body is ${failure.size} bytes, more than the limit of ${failure.limit}`
    case 'too-deep':
      return `The response body nests elements deeper than the limit of ${failure.limit}`
    case 'too-many-attributes':
      return `The response body has an element with more than ${failure.limit} attributes at line ${failure.line}, column ${failure.column}`
    case 'too-many-namespaces':
      return `The response body has an element declaring more than ${failure.limit} namespaces at line ${failure.line}, column ${failure.column}`
    case 'name-too-long':
      return `The response body has a name longer than ${failure.limit} characters at line ${failure.line}, column ${failure.column}`
    case 'dav-error': {
      const names = failure.error.conditions.map((condition) => `{${condition.name.namespace}}${condition.name.local}`)
      return `The response body is a DAV:error${names.length === 0 ? '' : `: ${names.join(', ')}`}`
    }
    case 'unexpected-root':
      return `The response body's root element is {${failure.root.namespace}}${failure.root.local}, not DAV:multistatus`
  }
}
