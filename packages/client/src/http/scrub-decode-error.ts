import type { DecodeFailure } from '@davkit/types'
import { DecodeError } from '../errors/decode-error.ts'

/**
 * A decode error of a response body, made safe to attach to an error: the text it took from the
 * body (its snippet, a parser's reason, its cause's message), which may echo the request's
 * credentials, is passed through `scrub`, the redaction the response summary's excerpt gets.
 */
export function scrubDecodeError(error: DecodeError, scrub: (text: string) => string): DecodeError {
  const failure: DecodeFailure =
    error.failure.code === 'malformed-xml' ? { ...error.failure, reason: scrub(error.failure.reason) } : error.failure
  const cause = error.cause instanceof Error ? new Error(scrub(error.cause.message)) : undefined
  return new DecodeError(
    failure,
    error.snippet === undefined ? undefined : scrub(error.snippet),
    cause === undefined ? undefined : { cause },
  )
}
