// Run by summary-reporter.test.ts: one test of each kind the summary reporter must count.
import { describe, expect, it } from 'vitest'

it('passes', () => {
  expect(1 + 1).toBe(2)
})

it('fails', () => {
  expect(1 + 1).toBe(3)
})

describe.skipIf(true)('a server suite (skipped: frobd is not installed)', () => {
  it('talks to frobd', () => {})
  it('talks to frobd again', () => {})
})

it('skips with a note', (context) => {
  context.skip('the corpus is absent')
})

it.skipIf(true)('skips without a reason', () => {})
