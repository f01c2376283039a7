import type {
  DeleteResult,
  GetResult,
  LockResult,
  MkcolResult,
  OptionsResult,
  PropertyResult,
  PropfindEntry,
  PropfindResult,
  ProppatchResult,
  PutResult,
  ReportResult,
  ResourceType,
  SyncResult,
  TransferResult,
  UnlockResult,
} from '@davkit/types'
import { describe, expectTypeOf, test } from 'vitest'
import {
  copy,
  createDavClient,
  createDavConnection,
  davGetContentLength,
  davGetEtag,
  davGetLastModified,
  davProps,
  davResourceType,
  defineProperty,
  deleteResource,
  get,
  lock,
  mkcol,
  move,
  options,
  propfind,
  propfindEach,
  proppatch,
  put,
  refreshLock,
  report,
  setProperty,
  syncCollection,
  unlock,
  type DavClient,
  type DavConnection,
  type MethodContext,
} from '../../src/index.ts'

const dav = createDavConnection('https://h.example/dav/', { username: 'alice', password: 'secret' })
const client = createDavClient({ baseUrl: 'https://h.example/dav/' })
const ocSize = defineProperty({
  namespace: 'http://owncloud.org/ns',
  local: 'size',
  decode: () => ({ ok: true, value: 1n }),
})

describe('the connection', () => {
  test('holds the base URL and the pipeline, and nothing else', () => {
    expectTypeOf(dav.baseUrl).toEqualTypeOf<URL>()
    expectTypeOf<keyof DavConnection>().toEqualTypeOf<'baseUrl' | 'pipeline'>()
    expectTypeOf(createDavConnection({ baseUrl: 'https://h.example/', auth: { token: 't' } })).toEqualTypeOf<DavConnection>()
  })

  test('takes the options of createDavClient, in its two call shapes', () => {
    // Parameters sees the last overload: (baseUrl, options?).
    expectTypeOf<Parameters<typeof createDavConnection>>().toEqualTypeOf<Parameters<typeof createDavClient>>()
    createDavConnection({ baseUrl: 'https://h.example/', username: 'alice', password: 'secret', retry: { retries: 3 } })
    // @ts-expect-error: the base URL is given once
    createDavConnection('https://h.example/', { baseUrl: 'https://h.example/' })
  })

  test('a client, and anything holding a pipeline, is accepted wherever a connection is', () => {
    expectTypeOf(client).toExtend<DavConnection>()
    expectTypeOf(client).toExtend<MethodContext>()
    expectTypeOf(propfind(client, '', { props: { size: davGetContentLength } })).toEqualTypeOf<
      Promise<PropfindResult<{ size: typeof davGetContentLength }>>
    >()
    // @ts-expect-error: a bare URL is not a connection
    void propfind({ baseUrl: new URL('https://h.example/') }, '')
  })
})

describe('propfind and propfindEach narrow as the methods do', () => {
  test('props are typed per codec, individual codecs or davProps alike', async () => {
    const listing = await propfind(dav, 'Documents/', {
      depth: 1,
      props: { size: davGetContentLength, modified: davGetLastModified, type: davResourceType, etag: davProps.getetag, ocSize },
    })
    const resource = listing.resources[0] as (typeof listing.resources)[number]
    expectTypeOf(resource.props.size).toEqualTypeOf<PropertyResult<number>>()
    expectTypeOf(resource.props.modified).toEqualTypeOf<PropertyResult<Date>>()
    expectTypeOf(resource.props.type).toEqualTypeOf<PropertyResult<ResourceType>>()
    expectTypeOf(resource.props.ocSize).toEqualTypeOf<PropertyResult<bigint>>()
    expectTypeOf(resource.props).not.toHaveProperty('other')
    const size = resource.props.size
    if (size.kind === 'value') expectTypeOf(size.value).toEqualTypeOf<number>()
  })

  test('every overload gives the type the method gives', async () => {
    const props = { etag: davGetEtag }
    expectTypeOf(await propfind(dav, '', { props })).toEqualTypeOf<Awaited<ReturnType<typeof client.propfind<typeof props>>>>()
    expectTypeOf(await propfind(dav, '', { allprop: true })).toEqualTypeOf<PropfindResult<{}>>()
    expectTypeOf(await propfind(dav, '', { propname: true })).toEqualTypeOf<PropfindResult<{}>>()
    expectTypeOf(await propfind(dav, '')).toEqualTypeOf<PropfindResult<{}>>()
    expectTypeOf(await propfind(dav, '', { depth: 1 })).toEqualTypeOf<PropfindResult<{}>>()
    const included = await propfind(dav, '', { allprop: true, include: { etag: davGetEtag } })
    const fromClient = await client.propfind('', { allprop: true, include: { etag: davGetEtag } })
    expectTypeOf(included).toEqualTypeOf<typeof fromClient>()
    expectTypeOf((included.resources[0] as (typeof included.resources)[number]).props.etag.kind).toEqualTypeOf<
      PropertyResult<unknown>['kind']
    >()
  })

  test('the forms the method refuses are refused', () => {
    // @ts-expect-error: depth infinity needs props, allprop or propname
    void propfind(dav, '', { depth: 'infinity' })
    // @ts-expect-error: props and allprop cannot be combined
    void propfind(dav, '', { props: { etag: davGetEtag }, allprop: true })
  })

  test('propfindEach yields typed entries', async () => {
    for await (const entry of propfindEach(dav, '', { depth: 1, props: { size: davGetContentLength }, maxDepth: 64 })) {
      expectTypeOf(entry).toEqualTypeOf<PropfindEntry<{ size: typeof davGetContentLength }>>()
      if (entry.kind === 'resource') expectTypeOf(entry.props.size).toEqualTypeOf<PropertyResult<number>>()
    }
    expectTypeOf(propfindEach(dav, '', { propname: true })).toEqualTypeOf<AsyncIterable<PropfindEntry<{}>>>()
    expectTypeOf(propfindEach(dav, '', { allprop: true })).toEqualTypeOf<AsyncIterable<PropfindEntry<{}>>>()
  })
})

describe('every other function has the result type of its method', () => {
  test('writes, transfers, locks and reports', () => {
    expectTypeOf(proppatch(dav, 'a', [setProperty(davProps.displayname, 'A')])).toEqualTypeOf<Promise<ProppatchResult>>()
    expectTypeOf(copy(dav, 'a', 'b', { depth: 0, overwrite: false })).toEqualTypeOf<Promise<TransferResult>>()
    expectTypeOf(move(dav, 'a', 'b')).toEqualTypeOf<Promise<TransferResult>>()
    // @ts-expect-error: a MOVE is always of the whole tree
    void move(dav, 'a', 'b', { depth: 0 })
    expectTypeOf(put(dav, 'a', 'text')).toEqualTypeOf<Promise<PutResult>>()
    expectTypeOf(deleteResource(dav, 'a')).toEqualTypeOf<Promise<DeleteResult>>()
    expectTypeOf(mkcol(dav, 'a/b', { parents: true })).toEqualTypeOf<Promise<MkcolResult>>()
    expectTypeOf(options(dav)).toEqualTypeOf<Promise<OptionsResult>>()
    expectTypeOf(lock(dav, 'a')).toEqualTypeOf<Promise<LockResult>>()
    expectTypeOf(refreshLock(dav, 'a', 'opaquelocktoken:x')).toEqualTypeOf<Promise<LockResult>>()
    expectTypeOf(unlock(dav, 'a', 'opaquelocktoken:x')).toEqualTypeOf<Promise<UnlockResult>>()
    expectTypeOf(report(dav, 'a', '<x/>')).toEqualTypeOf<Promise<ReportResult>>()
  })

  test('get narrows its body on `as`, as the method does', () => {
    expectTypeOf(get(dav, 'a')).toEqualTypeOf<Promise<GetResult<Uint8Array>>>()
    expectTypeOf(get(dav, 'a', { as: 'text' })).toEqualTypeOf<Promise<GetResult<string>>>()
    expectTypeOf(get(dav, 'a', { as: 'stream' })).toEqualTypeOf<ReturnType<typeof client.get<'stream'>>>()
  })

  test('syncCollection types its props per codec', async () => {
    const sync = await syncCollection(dav, '', { token: undefined, props: { etag: davGetEtag } })
    expectTypeOf(sync).toEqualTypeOf<SyncResult<{ etag: typeof davGetEtag }>>()
    expectTypeOf(sync).toEqualTypeOf<Awaited<ReturnType<typeof client.syncCollection<{ etag: typeof davGetEtag }>>>>()
  })

  test('each function takes what its method takes, after the connection', () => {
    expectTypeOf(put).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['put']>]>()
    expectTypeOf(deleteResource).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['delete']>]>()
    expectTypeOf(copy).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['copy']>]>()
    expectTypeOf(move).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['move']>]>()
    expectTypeOf(options).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['options']>]>()
    expectTypeOf(proppatch).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['proppatch']>]>()
    expectTypeOf(lock).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['lock']>]>()
    expectTypeOf(unlock).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['unlock']>]>()
    expectTypeOf(report).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['report']>]>()
    expectTypeOf(mkcol).parameters.toEqualTypeOf<[MethodContext, ...Parameters<DavClient['mkcol']>]>()
  })
})
