/**
 * `content` with `bytes` written at `offset`: what was there is kept around them, a gap after the
 * end is filled with zero bytes (a sparse write, as Apache and SabreDAV both do), nothing is cut.
 */
export function writeAt(content: Uint8Array, offset: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(content.byteLength, offset + bytes.byteLength))
  out.set(content)
  out.set(bytes, offset)
  return out
}
