import type {
  MemberFailure,
  ParsedStatus,
  PropertyResult,
  PropertyResults,
  PropfindEntry,
  PropfindResult,
  ProppatchResult,
  ResourceType,
  TransferResult,
} from '@davkit/types'
import { describe, expectTypeOf, test } from 'vitest'
import {
  assertAllOk,
  createDavClient,
  DepthRefusedError,
  davProps,
  defineProperty,
  setProperty,
  unwrapProperty,
  type DavClientError,
} from '../src/index.ts'

const dav = createDavClient({ baseUrl: 'https://h.example/dav/' })
const ocSize = defineProperty({
  namespace: 'http://owncloud.org/ns',
  local: 'size',
  decode: () => ({ ok: true, value: 1n }),
})

describe('client types', () => {
  test('the result type follows from the requested codecs, without casts', async () => {
    const listing = await dav.propfind('Documents/', {
      depth: 1,
      props: { size: davProps.getcontentlength, modified: davProps.getlastmodified, type: davProps.resourcetype, ocSize },
    })
    const resource = listing.resources[0]!
    expectTypeOf(resource.props.size).toEqualTypeOf<PropertyResult<number>>()
    expectTypeOf(resource.props.modified).toEqualTypeOf<PropertyResult<Date>>()
    expectTypeOf(resource.props.type).toEqualTypeOf<PropertyResult<ResourceType>>()
    expectTypeOf(resource.props.ocSize).toEqualTypeOf<PropertyResult<bigint>>()
    expectTypeOf(resource.props).not.toHaveProperty('other')
  })

  test('a property result narrows on kind', async () => {
    const listing = await dav.propfind('', { props: { size: davProps.getcontentlength } })
    const size = listing.resources[0]!.props.size
    switch (size.kind) {
      case 'value':
        expectTypeOf(size.value).toEqualTypeOf<number>()
        break
      case 'failed':
        expectTypeOf(size.status.code).toEqualTypeOf<number>()
        break
      case 'invalid':
        expectTypeOf(size.problem).toEqualTypeOf<string>()
        break
      case 'status-problem':
      case 'missing':
        break
      default:
        expectTypeOf(size).toBeNever()
    }
    expectTypeOf(unwrapProperty(size)).toEqualTypeOf<number>()
  })

  test('entries narrow on kind: resource, status, malformed', async () => {
    const listing = await dav.propfind('', { props: { etag: davProps.getetag } })
    for (const entry of listing.responses) {
      if (entry.kind === 'resource') expectTypeOf(entry.props.etag.kind).toEqualTypeOf<PropertyResult<unknown>['kind']>()
      else if (entry.kind === 'status') expectTypeOf(entry.hrefs[0].path).toEqualTypeOf<string>()
      else expectTypeOf(entry.kind).toEqualTypeOf<'malformed'>()
    }
  })

  test('allprop without include and propname have no typed props', async () => {
    const all = await dav.propfind('', { allprop: true })
    expectTypeOf(all).toEqualTypeOf<PropfindResult<{}>>()
    const withInclude = await dav.propfind('', { allprop: true, include: { etag: davProps.getetag } })
    expectTypeOf(withInclude.resources[0]!.props.etag.kind).toBeString()
    const names = await dav.propfind('', { propname: true })
    expectTypeOf(names).toEqualTypeOf<PropfindResult<{}>>()
  })

  test('bad requests do not compile', () => {
    // Without props: allprop, depth 0 or 1 only; a whole tree is never asked for by accident.
    expectTypeOf(dav.propfind('')).resolves.toEqualTypeOf<PropfindResult<{}>>()
    expectTypeOf(dav.propfind('', { depth: 1 })).resolves.toEqualTypeOf<PropfindResult<{}>>()
    // @ts-expect-error: depth infinity needs props, allprop or propname
    void dav.propfind('', { depth: 'infinity' })
    // @ts-expect-error: depth 2 does not exist
    void dav.propfind('', { depth: 2, propname: true })
    // @ts-expect-error: props and propname together
    void dav.propfind('', { props: { e: davProps.getetag }, propname: true })
    // @ts-expect-error: displayname takes a string
    setProperty(davProps.displayname, 42)
    // @ts-expect-error: getcontentlength is not writable
    setProperty(davProps.getcontentlength, 1)
    // @ts-expect-error: COPY depth is 0 or infinity
    void dav.copy('a', 'b', { depth: 1 })
  })

  test('assertAllOk narrows every requested property to its value', async () => {
    const ok = assertAllOk(await dav.propfind('', { props: { size: davProps.getcontentlength } }))
    expectTypeOf(ok.resources[0]!.props.size.value).toEqualTypeOf<number>()
    const patched = assertAllOk(await dav.proppatch('', [setProperty(davProps.displayname, 'x')]))
    expectTypeOf(patched.kind).toEqualTypeOf<'applied'>()
    const copied = assertAllOk(await dav.copy('a', 'b'))
    expectTypeOf(copied.kind).toEqualTypeOf<'created' | 'replaced' | 'succeeded'>()
  })

  test('results and errors are exhaustive unions', () => {
    const proppatchKind = (r: ProppatchResult): string => {
      switch (r.kind) {
        case 'applied':
        case 'incomplete':
        case 'no-report':
          return r.kind
        case 'rejected':
        case 'partially-applied':
          expectTypeOf(r.failed[0]!.status.code).toEqualTypeOf<number>()
          return r.kind
        case 'locked':
          expectTypeOf(r.lockedHrefs).toEqualTypeOf<readonly string[]>()
          return r.kind
        case 'failed-dependency':
        case 'partial':
          expectTypeOf(r.failures).toEqualTypeOf<readonly MemberFailure[]>()
          return r.kind
        default:
          expectTypeOf(r).toBeNever()
          return r
      }
    }
    const transferKind = (r: TransferResult): number => {
      switch (r.kind) {
        case 'created':
        case 'replaced':
        case 'succeeded':
          return r.status
        case 'precondition-failed':
        case 'conflict':
        case 'locked':
        case 'forbidden':
        case 'insufficient-storage':
        case 'uncertain':
          return r.error?.conditions.length ?? 0
        case 'partial':
        case 'failed-dependency':
          return r.failures.length
        default:
          expectTypeOf(r).toBeNever()
          return r
      }
    }
    const errorCode = (e: DavClientError): string => {
      switch (e.code) {
        case 'transport':
        case 'timeout':
        case 'aborted':
        case 'response-too-large':
        case 'invalid-request':
          return e.code
        case 'http-status':
          expectTypeOf(e.status).toEqualTypeOf<number>()
          if (e instanceof DepthRefusedError) expectTypeOf(e.evidence).toEqualTypeOf<'propfind-finite-depth' | 'status-403'>()
          return e.code
        case 'undecodable-response':
          expectTypeOf(e.failure.code).toBeString()
          return e.code
        case 'unauthorized':
          expectTypeOf(e.challenges[0]?.params).toEqualTypeOf<Readonly<Record<string, string>> | undefined>()
          return e.code
        case 'cross-origin':
          expectTypeOf(e.kind).toEqualTypeOf<'redirect' | 'destination' | 'request'>()
          return e.code
        case 'content-changed':
          expectTypeOf(e.expected.kind).toEqualTypeOf<'etag' | 'last-modified'>()
          expectTypeOf(e.delivered).toEqualTypeOf<number>()
          return e.code
        default:
          expectTypeOf(e).toBeNever()
          return e
      }
    }
    expectTypeOf(proppatchKind).returns.toBeString()
    expectTypeOf(transferKind).returns.toBeNumber()
    expectTypeOf(errorCode).returns.toBeString()
  })

  test('propfindEach yields the entries propfind returns, typed by the codecs, narrowing on kind', async () => {
    const listing = dav.propfindEach('Photos/', { depth: 1, props: { size: davProps.getcontentlength, ocSize }, maxBytes: 1e9 })
    expectTypeOf(listing).toEqualTypeOf<
      AsyncIterable<PropfindEntry<{ readonly size: typeof davProps.getcontentlength; readonly ocSize: typeof ocSize }>>
    >()
    for await (const entry of listing) {
      if (entry.kind === 'resource') {
        expectTypeOf(entry.props.size).toEqualTypeOf<PropertyResult<number>>()
        expectTypeOf(entry.props.ocSize).toEqualTypeOf<PropertyResult<bigint>>()
        if (entry.props.size.kind === 'value') expectTypeOf(entry.props.size.value).toEqualTypeOf<number>()
      } else if (entry.kind === 'status') {
        expectTypeOf(entry.status).toEqualTypeOf<ParsedStatus>()
      } else {
        expectTypeOf(entry.kind).toEqualTypeOf<'malformed'>()
      }
    }
    for await (const entry of dav.propfindEach('', { propname: true })) {
      if (entry.kind === 'resource') expectTypeOf(entry.props).toEqualTypeOf<PropertyResults<{}>>()
    }
    // @ts-expect-error: a limit is a number
    dav.propfindEach('', { props: { size: davProps.getcontentlength }, maxDepth: 'deep' })
    // @ts-expect-error: props, allprop or propname is required, as for propfind
    dav.propfindEach('', { depth: 1 })
  })
})
