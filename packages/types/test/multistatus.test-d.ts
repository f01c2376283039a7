import { describe, expectTypeOf, test } from 'vitest'
import type { HttpStatus, MultiStatusResponse, ParsedStatus, RawProperty, StatusProblem } from '../src/index.ts'

describe('multistatus result types', () => {
  test('a response narrows on kind', () => {
    const handle = (response: MultiStatusResponse): string => {
      switch (response.kind) {
        case 'status':
          expectTypeOf(response.hrefs[0].raw).toEqualTypeOf<string>()
          expectTypeOf(response.status).toEqualTypeOf<ParsedStatus>()
          return 'status'
        case 'propstat':
          expectTypeOf(response.properties).toEqualTypeOf<readonly RawProperty[]>()
          return 'propstat'
        case 'malformed':
          return response.problem
        default:
          expectTypeOf(response).toBeNever()
          return response
      }
    }
    expectTypeOf(handle).returns.toEqualTypeOf<string>()
  })

  test('a property narrows on kind', () => {
    const code = (property: RawProperty): number | undefined => {
      if (property.kind === 'value') {
        expectTypeOf(property.text).toEqualTypeOf<string>()
        return property.status.code
      }
      if (property.kind === 'failed') return property.status.code
      expectTypeOf(property.problem).toEqualTypeOf<StatusProblem>()
      return undefined
    }
    expectTypeOf(code).parameter(0).toEqualTypeOf<RawProperty>()
  })

  test('a parsed status narrows on kind', () => {
    const status = {} as ParsedStatus
    if (status.kind === 'status') expectTypeOf(status).toEqualTypeOf<HttpStatus>()
    else expectTypeOf(status).toEqualTypeOf<StatusProblem>()
  })
})
