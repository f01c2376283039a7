import type { CodecResult } from '@davkit/types'

/** A successful decode. */
export function decoded<T>(value: T): CodecResult<T> {
  return { ok: true, value }
}

/** A value the codec refuses, with a message saying why (it ends up in a `PropertyInvalid`). */
export function undecodable<T = never>(problem: string): CodecResult<T> {
  return { ok: false, problem }
}

/** The message of anything thrown, for a codec that threw although it should not. */
export function thrownMessage(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message === '' ? thrown.name : thrown.message
  return String(thrown)
}
