import { describe, expectTypeOf, test } from 'vitest'
import type { BodySink } from './body-sink.ts'
import type { DavResponse, RequestPipeline } from './request-pipeline.ts'

declare const pipeline: RequestPipeline
declare const counter: BodySink<{ readonly count: number }>

describe('send with readBody', () => {
  test("infers `decoded` from the sink's result", () => {
    const response = pipeline.send({ method: 'PROPFIND', url: new URL('https://dav.example/'), readBody: () => counter })
    expectTypeOf(response).resolves.toEqualTypeOf<DavResponse<{ readonly count: number }>>()
    expectTypeOf(response).resolves.toHaveProperty('decoded').toEqualTypeOf<{ readonly count: number } | undefined>()
  })

  test('without readBody, `decoded` is unknown', () => {
    const response = pipeline.send({ method: 'GET', url: new URL('https://dav.example/') })
    expectTypeOf(response).resolves.toEqualTypeOf<DavResponse<unknown>>()
  })

  test('a sink of the wrong type for an explicit `T` is refused', () => {
    // @ts-expect-error: a sink of { count } does not make strings
    void pipeline.send<string>({ method: 'PROPFIND', url: new URL('https://dav.example/'), readBody: () => counter })
  })
})
