import type { HttpHandler } from 'msw'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createDavServer,
  davHandlers,
  seedFile,
  type DavDialect,
  type DavServer,
  type DavServerUploads,
  type FaultAction,
  type Faults,
  type JournalEntry,
  type SeedTree,
  type StoredResource,
} from '@davkit/testing'
import { listen, type ListeningDavServer } from '@davkit/testing/node'

describe('public API types', () => {
  it('the core is a fetch-style function', () => {
    expectTypeOf(createDavServer).returns.toEqualTypeOf<DavServer>()
    expectTypeOf<DavServer['handle']>().toEqualTypeOf<(request: Request) => Promise<Response>>()
  })

  it('adapters take a server', () => {
    expectTypeOf(davHandlers).parameters.toEqualTypeOf<[DavServer, string]>()
    expectTypeOf(davHandlers).returns.toEqualTypeOf<HttpHandler[]>()
    expectTypeOf(listen).returns.resolves.toEqualTypeOf<ListeningDavServer>()
  })

  it('seed trees nest plain objects, text, bytes and seeded files', () => {
    expectTypeOf({ a: 'x', b: new Uint8Array(), c: { d: seedFile('y', { contentType: 'text/plain' }) } }).toExtend<SeedTree>()
    expectTypeOf({ a: 1 }).not.toExtend<SeedTree>()
    // @ts-expect-error: props are Clark-notation names with string values
    seedFile('x', { props: { '{urn:x}n': 1 } })
  })

  it('dialect options are literal unions', () => {
    expectTypeOf<DavDialect['hrefs']>().toEqualTypeOf<'path' | 'absolute' | undefined>()
    expectTypeOf<DavDialect['propstatOrder']>().toEqualTypeOf<'ok-first' | 'not-found-first' | undefined>()
    // @ts-expect-error: not a dialect option value
    createDavServer({ dialect: { depthInfinity: 'sometimes' } })
  })

  it('journal entries and stored resources are typed', () => {
    expectTypeOf<JournalEntry['status']>().toEqualTypeOf<number | 'network-error'>()
    expectTypeOf<StoredResource['kind']>().toEqualTypeOf<'file' | 'collection'>()
    expectTypeOf<ReturnType<DavServer['read']>>().toEqualTypeOf<StoredResource | undefined>()
  })

  it('faults that break a transfer chain, and their actions narrow on kind', () => {
    const server = createDavServer()
    expectTypeOf(server.faults.cutResponseBody(10, { method: 'GET' }).cutRequestBody(5).changeContent('/a', 'x')).toEqualTypeOf<Faults>()
    expectTypeOf<FaultAction['kind']>().toEqualTypeOf<
      'status' | 'network-error' | 'latency' | 'cut-response-body' | 'cut-request-body' | 'change-content'
    >()
    const action = {} as FaultAction
    if (action.kind === 'change-content') expectTypeOf(action.content).toEqualTypeOf<Uint8Array>()
    // @ts-expect-error: a byte count, not a string
    server.faults.cutRequestBody('10')
  })

  it('upload mechanisms are switched on one by one; Nextcloud chunking needs its uploads path', () => {
    expectTypeOf<DavServerUploads['tus']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<NonNullable<DavServerUploads['nextcloudChunking']>>().toEqualTypeOf<{ readonly uploadsPath: string }>()
    // @ts-expect-error: chunking is not a boolean
    createDavServer({ uploads: { nextcloudChunking: true } })
  })
})
