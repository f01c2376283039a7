import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { md5 } from './md5.ts'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

describe('md5', () => {
  test('the RFC 1321 test suite', () => {
    const suite: [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ]
    for (const [text, digest] of suite) expect(hex(md5(new TextEncoder().encode(text))), text).toBe(digest)
  })

  test('matches node:crypto on every length around the block boundaries, and on random bytes', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) % 256)
      expect(hex(md5(bytes)), `length ${length}`).toBe(createHash('md5').update(bytes).digest('hex'))
    }
    const random = crypto.getRandomValues(new Uint8Array(65_536))
    expect(hex(md5(random))).toBe(createHash('md5').update(random).digest('hex'))
  })
})
