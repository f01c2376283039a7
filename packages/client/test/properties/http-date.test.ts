import { describe, expect, it } from 'vitest'
import { parseHttpDate } from '../../src/properties/http-date.ts'

const iso = (text: string): string | undefined => parseHttpDate(text)?.toISOString()

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Sun, 6 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 +0000', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 UTC', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 GMT-00:00', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 GMT+02:00', '1994-11-06T06:49:37.000Z'],
    ['Sun, 06 Nov 1994 10:49:37 +0200', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 03:49:37 EST', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37', '1994-11-06T08:49:37.000Z'],
    ['06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['sun, 06 nov 1994 08:49:37 gmt', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 November 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['  Sun, 06 Nov 1994 08:49:37 GMT\n', '1994-11-06T08:49:37.000Z'],
    // DAViCal's test harness writes a placeholder weekday; the weekday is never checked.
    ['Dow, 01 Jan 2000 00:00:00 GMT', '2000-01-01T00:00:00.000Z'],
    ['Mon, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ])('reads RFC 1123 %j', (text, expected) => {
    expect(iso(text)).toBe(expected)
  })

  it.each([
    ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Thursday, 01-Jan-70 00:00:00 GMT', '1970-01-01T00:00:00.000Z'],
    ['Tuesday, 05-Mar-24 12:00:00 GMT', '2024-03-05T12:00:00.000Z'],
    ['Friday, 31-Dec-69 23:59:59 GMT', '2069-12-31T23:59:59.000Z'],
  ])('reads RFC 850 %j with RFC 6265 two-digit years', (text, expected) => {
    expect(iso(text)).toBe(expected)
  })

  it.each([
    ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['Sun Nov 16 08:49:37 1994', '1994-11-16T08:49:37.000Z'],
    ['Sun Nov 6 08:49:37 1994 GMT', '1994-11-06T08:49:37.000Z'],
  ])('reads asctime %j', (text, expected) => {
    expect(iso(text)).toBe(expected)
  })

  it.each([
    ['1994-11-06T08:49:37Z', '1994-11-06T08:49:37.000Z'],
    ['1994-11-06t08:49:37z', '1994-11-06T08:49:37.000Z'],
    ['1994-11-06 08:49:37Z', '1994-11-06T08:49:37.000Z'],
    ['2011-05-24T09:06:50.353563Z', '2011-05-24T09:06:50.353Z'],
    ['2011-05-24T09:06:50.3Z', '2011-05-24T09:06:50.300Z'],
    ['2017-08-06T09:43:20-03:00', '2017-08-06T12:43:20.000Z'],
    ['1970-01-01T00:00:00+00:00', '1970-01-01T00:00:00.000Z'],
    ['2017-08-06T09:43:20+0530', '2017-08-06T04:13:20.000Z'],
    ['2017-08-06T09:43:20', '2017-08-06T09:43:20.000Z'],
    ['2017-08-06T09:43', '2017-08-06T09:43:00.000Z'],
    ['2017-08-06', '2017-08-06T00:00:00.000Z'],
    ['20061101T200217Z', '2006-11-01T20:02:17.000Z'],
    ['20090602T120000', '2009-06-02T12:00:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('reads RFC 3339 / ISO 8601 %j', (text, expected) => {
    expect(iso(text)).toBe(expected)
  })

  it.each([
    '',
    '   ',
    'yesterday',
    'Sun, 32 Nov 1994 08:49:37 GMT',
    'Sun, 31 Feb 1994 08:49:37 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Sun, 06 Novem 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'Sun, 06 Nov 1994 08:49:37 XYZ',
    'Sun, 06 Nov 1994 08:49:37 +2500',
    '2023-02-29T00:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-00-10T00:00:00Z',
    '2023-01-10T00:00:00+24:00',
    '2023-01-10T00:00:00Q',
    '2023-0110T00:00:00Z',
    '1700000000',
    '0',
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text)).toBeUndefined()
  })

  it('returns a fresh Date each time', () => {
    const a = parseHttpDate('2017-08-06T09:43:20Z')
    const b = parseHttpDate('2017-08-06T09:43:20Z')
    expect(a).not.toBe(b)
    expect(a?.getTime()).toBe(b?.getTime())
  })
})

describe('parseHttpDate on IMF-fixdates (RFC 9110 5.6.7), read without a regular expression', () => {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const two = (value: number) => String(value).padStart(2, '0')
  const fixdate = (year: number, month: number, day: number, hour: number, minute: number, second: number) =>
    `${days[(year + day) % 7]}, ${two(day)} ${months[month - 1]} ${String(year).padStart(4, '0')} ${two(hour)}:${two(minute)}:${two(second)} GMT`
  // What the general rules give: the same text with its zone spelt `+0000`, which only they read.
  const general = (text: string) => parseHttpDate(text.replace(/ GMT$/, ' +0000'))?.toISOString()

  it('agrees with the general rules on every day of 1900-2100 at varied times, real or not', () => {
    let compared = 0
    for (let year = 1900; year <= 2100; year += 1) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [1, 15, 28, 29, 30, 31, 0, 32]) {
          const text = fixdate(year, month, day, (year * 7 + day) % 25, (month * 13) % 61, (day * 17) % 62)
          expect(iso(text), text).toBe(general(text))
          compared++
        }
      }
    }
    expect(compared).toBe(201 * 12 * 8)
  })

  it.each([
    ['Wed, 29 Feb 2024 23:59:60 GMT', '2024-03-01T00:00:00.000Z'],
    ['Thu, 01 Jan 0099 00:00:00 GMT', '0099-01-01T00:00:00.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ])('reads %j as the general rules do', (text, expected) => {
    expect(iso(text)).toBe(expected)
  })

  it.each([
    'Thu, 29 Feb 2100 00:00:00 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:49:61 GMT',
    'Sun, 0x Nov 1994 08:49:37 GMT',
    // The general rules take only letters for the day name.
    '1on, 06 Nov 1994 08:49:37 GMT',
    '   , 06 Nov 1994 08:49:37 GMT',
    '<x>, 06 Nov 1994 08:49:37 GMT',
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text)).toBeUndefined()
  })
})
