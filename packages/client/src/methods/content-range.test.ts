import { describe, expect, test } from 'vitest'
import { parseContentRange } from './content-range.ts'

describe('parseContentRange', () => {
  test('reads a range with its total, an unknown total, and the unsatisfied form of a 416', () => {
    expect(parseContentRange('bytes 0-99/1000')).toEqual({ start: 0, end: 99, total: 1000 })
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: undefined })
    expect(parseContentRange('bytes */1000')).toEqual({ unsatisfied: 1000 })
    expect(parseContentRange(null)).toBeUndefined()
    expect(parseContentRange('bytes 9-5/10')).toBeUndefined()
  })

  test('a number beyond Number.MAX_SAFE_INTEGER makes the header unreadable rather than rounded', () => {
    const max = Number.MAX_SAFE_INTEGER
    expect(parseContentRange(`bytes 0-${max - 1}/${max}`)).toEqual({ start: 0, end: max - 1, total: max })
    expect(parseContentRange('bytes 0-99/9007199254740993')).toBeUndefined()
    expect(parseContentRange('bytes 9007199254740992-9007199254740993/*')).toBeUndefined()
    expect(parseContentRange('bytes 0-9007199254740993/*')).toBeUndefined()
    expect(parseContentRange('bytes */99999999999999999999')).toBeUndefined()
  })
})
