import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { davProps, formatEntityTag, parseEntityTag, parseHttpDate } from '../../src/properties/index.ts'
import { dav } from './elements.ts'

// Dates between 0100-01-01 and 9999-12-31, whole seconds (the HTTP formats carry no fraction).
const instants = fc.integer({ min: -58_979_923_200, max: 253_402_300_799 }).map((seconds) => new Date(seconds * 1000))

// The same, a day away from both ends, so that a local time shifted by an offset stays in 4-digit years.
const innerInstants = fc
  .integer({ min: -58_979_923_200 + 86_400, max: 253_402_300_799 - 86_400 })
  .map((seconds) => new Date(seconds * 1000))

describe('round trips', () => {
  it('reads back what Date.prototype.toUTCString writes (RFC 1123)', () => {
    fc.assert(
      fc.property(instants, (date) => {
        expect(parseHttpDate(date.toUTCString())?.getTime()).toBe(date.getTime())
      }),
    )
  })

  it('reads back what Date.prototype.toISOString writes (RFC 3339 with milliseconds)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 999 }), (date, ms) => {
        const instant = new Date(date.getTime() + ms)
        expect(parseHttpDate(instant.toISOString())?.getTime()).toBe(instant.getTime())
      }),
    )
  })

  it('reads an offset the same as the UTC instant it stands for', () => {
    fc.assert(
      fc.property(innerInstants, fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), (date, offset) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19)
        const sign = offset < 0 ? '-' : '+'
        const abs = Math.abs(offset)
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
        expect(parseHttpDate(`${local}${zone}`)?.getTime()).toBe(date.getTime())
      }),
    )
  })

  it('reads any non-negative safe integer, with or without leading zeros, as getcontentlength', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.nat({ max: 5 }), (length, zeros) => {
        const text = '0'.repeat(zeros) + String(length)
        expect(davProps.getcontentlength.decode(dav('getcontentlength', text))).toEqual({ ok: true, value: length })
      }),
    )
  })

  it('reads back any formatted entity tag', () => {
    const opaque = fc.string({ unit: fc.constantFrom(...'abcXYZ0189-_/.:=+!#'.split('')), minLength: 1 })
    fc.assert(
      fc.property(fc.boolean(), opaque, (weak, value) => {
        const text = formatEntityTag({ weak, value })
        expect(parseEntityTag(text)).toEqual({ ok: true, value: { weak, value, raw: text } })
      }),
    )
  })

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const codec of Object.values(davProps)) {
          const result = codec.decode(dav(codec.name.local, text))
          expect(typeof result.ok).toBe('boolean')
        }
        parseHttpDate(text)
      }),
    )
  })
})
