import { expect, test } from 'vitest'
import type { DavResponse } from './request-pipeline.ts'
import { takeBody } from './take-buffered-body.ts'

test('takeBody hands the bytes over and leaves the response with an empty body', () => {
  const body = new TextEncoder().encode('<x/>')
  const response = { status: 207, body } as unknown as DavResponse
  expect(takeBody(response)).toBe(body)
  expect(response.body.byteLength).toBe(0)
  expect(takeBody(response).byteLength).toBe(0)
})
