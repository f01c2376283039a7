import { describe, expect, it } from 'vitest'
import { anything, mismatches, oneOf } from './expectation.ts'

describe('mismatches', () => {
  it('is empty when the observation equals the expectation', () => {
    expect(
      mismatches({ status: 207, resources: { '/a': { x: [1, 'b'] } } }, { status: 207, resources: { '/a': { x: [1, 'b'] } } }),
    ).toEqual([])
  })

  it('names the path of each difference, missing and unexpected keys included', () => {
    expect(mismatches({ status: 201, members: { '/a': 423 } }, { status: 207, extra: true })).toEqual([
      '$.status: expected 201, got 207',
      '$.members: expected an object {"/a":423}, got undefined',
      '$.extra: not expected, got true',
    ])
    expect(mismatches([1, 2], [1])).toEqual(['$: expected 2 items [1,2], got 1 [1]'])
    expect(mismatches({ a: 1 }, [1])).toEqual(['$: expected an object {"a":1}, got [1]'])
  })

  it('accepts any alternative of oneOf, and reports all of them otherwise', () => {
    const expected = oneOf({ status: 423 }, { status: 207, members: { '/x': 423 } })
    expect(mismatches(expected, { status: 207, members: { '/x': 423 } })).toEqual([])
    expect(mismatches(expected, { status: 423 })).toEqual([])
    expect(mismatches(expected, { status: 204 })).toEqual([
      '$: expected one of [{"status":423},{"status":207,"members":{"/x":423}}], got {"status":204}',
    ])
  })

  it('accepts anything where the expectation says so', () => {
    expect(mismatches({ a: anything('server-specific') }, { a: { deep: [1] } })).toEqual([])
  })
})
