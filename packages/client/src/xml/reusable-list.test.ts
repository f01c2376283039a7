import { describe, expect, it } from 'vitest'
import { ReusableList } from './reusable-list.ts'

describe('ReusableList', () => {
  it('hands out what was gathered since the last reset, in order, as a new array', () => {
    const list = new ReusableList<string>()
    list.add('a')
    list.add('b')
    const first = list.take()
    expect(first).toEqual(['a', 'b'])
    list.reset()
    list.add('c')
    expect(list.count).toBe(1)
    expect(list.at(0)).toBe('c')
    expect(list.take()).toEqual(['c'])
    // What was handed out is the caller's: later gathering never changes it.
    expect(first).toEqual(['a', 'b'])
  })

  it('hands out an empty array when nothing was gathered, and starts over after release', () => {
    const list = new ReusableList<number>()
    expect(list.take()).toEqual([])
    list.add(1)
    list.release()
    expect(list.count).toBe(0)
    expect(list.take()).toEqual([])
  })
})
