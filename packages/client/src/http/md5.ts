/**
 * MD5 (RFC 1321), for Digest authentication only: Web Crypto has no MD5, and a package for it
 * (with the SHA-2 machinery it shares) cost the browser bundle more than these few lines.
 * Checked against node:crypto in md5.test.ts.
 */

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
// K[i] = floor(|sin(i + 1)| * 2^32), as RFC 1321 defines the table.
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0)

/** The MD5 digest of `bytes`. */
export function md5(bytes: Uint8Array): Uint8Array {
  const length = bytes.length
  const blocks = ((length + 8) >>> 6) + 1
  const words = new Uint32Array(blocks * 16)
  for (let i = 0; i < length; i++) words[i >> 2]! |= bytes[i]! << ((i % 4) * 8)
  words[length >> 2]! |= 0x80 << ((length % 4) * 8)
  words[blocks * 16 - 2] = (length * 8) >>> 0
  words[blocks * 16 - 1] = Math.floor(length / 0x20000000)
  const state = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476])
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d] = state as unknown as [number, number, number, number]
    for (let i = 0; i < 64; i++) {
      const round = i >> 4
      const f = round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d)
      const g = round === 0 ? i : round === 1 ? (5 * i + 1) % 16 : round === 2 ? (3 * i + 5) % 16 : (7 * i) % 16
      const shift = SHIFTS[round * 4 + (i % 4)]!
      const x = (a + f + K[i]! + words[block + g]!) | 0
      a = d
      d = c
      c = b
      b = (b + ((x << shift) | (x >>> (32 - shift)))) | 0
    }
    state[0]! += a
    state[1]! += b
    state[2]! += c
    state[3]! += d
  }
  const out = new Uint8Array(16)
  const view = new DataView(out.buffer)
  for (let i = 0; i < 4; i++) view.setInt32(i * 4, state[i] as number, true)
  return out
}
