import type {
  HttpStatus,
  MalformedResponse,
  PropstatResponse,
  ResourceHref,
  StatusProblem,
  StatusResponse,
  XmlElement,
} from '@davkit/types'
import { describe, expectTypeOf, it } from 'vitest'
import { decodeMultiStatus } from './decode-multistatus.ts'

type Decoded = ReturnType<typeof decodeMultiStatus>
type Response = Decoded['responses'][number]
type Property = PropstatResponse['properties'][number]

describe('decodeMultiStatus result types', () => {
  it('narrows responses on kind', () => {
    const response = {} as Response
    if (response.kind === 'status') {
      expectTypeOf(response).toEqualTypeOf<StatusResponse>()
      expectTypeOf(response.hrefs[0]).toEqualTypeOf<ResourceHref>()
    } else if (response.kind === 'propstat') {
      expectTypeOf(response).toEqualTypeOf<PropstatResponse>()
      expectTypeOf(response.href).toEqualTypeOf<ResourceHref>()
    } else {
      expectTypeOf(response).toEqualTypeOf<MalformedResponse>()
      expectTypeOf(response.element).toEqualTypeOf<XmlElement>()
    }
  })

  it('narrows properties on kind', () => {
    const property = {} as Property
    if (property.kind === 'value') {
      expectTypeOf(property.text).toEqualTypeOf<string>()
      expectTypeOf(property.status).toEqualTypeOf<HttpStatus>()
    } else if (property.kind === 'failed') {
      expectTypeOf(property.status).toEqualTypeOf<HttpStatus>()
      // @ts-expect-error a failed property has no value text
      void property.text
    } else {
      expectTypeOf(property.problem).toEqualTypeOf<StatusProblem>()
    }
  })

  it('is exhaustive: a switch over every kind leaves never', () => {
    const describe = (response: Response): string => {
      switch (response.kind) {
        case 'status':
          return 'status'
        case 'propstat':
          return 'propstat'
        case 'malformed':
          return 'malformed'
        default:
          expectTypeOf(response).toBeNever()
          return response
      }
    }
    const describeProperty = (property: Property): string => {
      switch (property.kind) {
        case 'value':
        case 'failed':
        case 'status-problem':
          return property.kind
        default:
          expectTypeOf(property).toBeNever()
          return property
      }
    }
    expectTypeOf(describe).returns.toEqualTypeOf<string>()
    expectTypeOf(describeProperty).returns.toEqualTypeOf<string>()
  })

  it('takes text or bytes and optional options', () => {
    expectTypeOf(decodeMultiStatus).parameter(0).toEqualTypeOf<string | Uint8Array | ArrayBuffer>()
    expectTypeOf(decodeMultiStatus('<x/>', { requestUrl: new URL('https://example.com/') })).toEqualTypeOf<Decoded>()
  })
})
