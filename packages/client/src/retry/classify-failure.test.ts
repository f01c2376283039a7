import { describe, expect, test } from 'vitest'
import { classifyFailure } from './classify-failure.ts'
import { parseRetryAfter } from './retry-after.ts'

describe('classifyFailure', () => {
  const idempotent = ['PROPFIND', 'PROPPATCH', 'COPY', 'MOVE', 'MKCOL', 'DELETE', 'PUT', 'UNLOCK']
  test.each(idempotent)('%s is retried on network failures and timeouts', (method) => {
    expect(classifyFailure(method, { kind: 'network' })).toBe('transient')
    expect(classifyFailure(method, { kind: 'timeout' })).toBe('transient')
  })
  test.each(idempotent)('%s is not retried on a hopeless network failure (unknown host, bad port, TLS)', (method) => {
    expect(classifyFailure(method, { kind: 'network', hopeless: true })).toBe('fatal')
    expect(classifyFailure(method, { kind: 'network', hopeless: false })).toBe('transient')
  })
  test.each(['LOCK', 'POST', 'lock'])('%s is never retried', (method) => {
    expect(classifyFailure(method, { kind: 'network' })).toBe('fatal')
    expect(classifyFailure(method, { kind: 'status', status: 503 })).toBe('fatal')
    expect(classifyFailure(method, { kind: 'status', status: 429 })).toBe('fatal')
  })
  test.each([
    [408, 'transient'],
    [425, 'transient'],
    [429, 'throttled'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
    [500, 'fatal'],
    [404, 'fatal'],
    [412, 'fatal'],
    [423, 'fatal'],
    [507, 'fatal'],
  ] as const)('status %i is %s', (status, expected) => {
    expect(classifyFailure('PROPFIND', { kind: 'status', status })).toBe(expected)
  })
  test('503 with Retry-After is throttled; 423 only when opted in', () => {
    expect(classifyFailure('MOVE', { kind: 'status', status: 503, retryAfterMs: 1000 })).toBe('throttled')
    expect(classifyFailure('MOVE', { kind: 'status', status: 423 }, { retryLocked: true })).toBe('transient')
  })
  test('aborts and unknown failures are fatal', () => {
    expect(classifyFailure('PROPFIND', { kind: 'aborted' })).toBe('fatal')
    expect(classifyFailure('PROPFIND', { kind: 'other' })).toBe('fatal')
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')
  test('delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })
  test('HTTP-date, in the future or the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:00:00 GMT', now)).toBe(0)
  })
  test('absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('2026-10-21T07:28:30Z', now)).toBeUndefined()
  })
})
