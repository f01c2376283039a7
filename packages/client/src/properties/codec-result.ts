import type { CodecResult } from '@davkit/types'

/**
 * A successful decode, for the `decode` of a user-defined codec.
 *
 * @example
 * decode: (element) => decoded(textOf(element).split(','))
 */
export function decoded<T>(value: T): CodecResult<T> {
  return { ok: true, value }
}

/**
 * A value the codec refuses, with a message saying why (it ends up in a `PropertyInvalid`).
 *
 * @example
 * decode: (element) => (textOf(element) === '' ? undecodable('empty') : decoded(textOf(element)))
 */
export function undecodable<T = never>(problem: string): CodecResult<T> {
  return { ok: false, problem }
}

/** The message of anything thrown, for a codec that threw although it should not. */
export function thrownMessage(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message === '' ? thrown.name : thrown.message
  return String(thrown)
}
