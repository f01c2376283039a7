import type {
  ContentFailedDependency,
  ContentLocked,
  DeleteResult,
  MemberFailure,
  ProppatchResult,
  TransferFailedDependency,
  TransferResult,
  WritePartial,
  EntityTag,
  GetResult,
  LockGranted,
  LockResult,
  MkcolResult,
  PropertyResult,
  PropfindResource,
  PutResult,
  ResourceHref,
  SyncChanges,
  SyncResult,
} from '@davkit/types'
import { describe, expectTypeOf, it } from 'vitest'
import { createDavClient, davProps, lockIfHeader, type LockSubmission } from '../../src/index.ts'

const dav = createDavClient({ baseUrl: 'https://dav.example/' })
const props = { etag: davProps.getetag, size: davProps.getcontentlength }

describe('the sync result', () => {
  it('is typed by the requested props', () => {
    const result = dav.syncCollection('docs/', { props })
    expectTypeOf(result).resolves.toEqualTypeOf<SyncResult<typeof props>>()
  })

  it('narrows on kind: changes carry token, typed changed members and removed hrefs', () => {
    const result = {} as SyncResult<typeof props>
    expectTypeOf<(typeof result)['kind']>().toEqualTypeOf<'changes' | 'invalid-token'>()
    // @ts-expect-error the token exists only on changes
    void result.token
    if (result.kind === 'changes') {
      expectTypeOf(result).toEqualTypeOf<SyncChanges<typeof props>>()
      expectTypeOf(result.token).toEqualTypeOf<string>()
      expectTypeOf(result.truncated).toEqualTypeOf<boolean>()
      expectTypeOf(result.removed).toEqualTypeOf<readonly ResourceHref[]>()
      expectTypeOf(result.changed).toEqualTypeOf<readonly PropfindResource<typeof props>[]>()
      const member = result.changed[0]!
      expectTypeOf(member.props.etag).toEqualTypeOf<PropertyResult<EntityTag>>()
      expectTypeOf(member.props.size).toEqualTypeOf<PropertyResult<number>>()
      // @ts-expect-error only requested props exist
      void member.props.modified
    }
  })
})

describe('content results', () => {
  it('GET data is typed by `as`', () => {
    expectTypeOf(dav.get('a')).resolves.toEqualTypeOf<GetResult<Uint8Array>>()
    expectTypeOf(dav.get('a', { as: 'text' })).resolves.toEqualTypeOf<GetResult<string>>()
    expectTypeOf(dav.get('a', { as: 'stream' })).resolves.toEqualTypeOf<GetResult<ReadableStream<Uint8Array>>>()
    const got = {} as GetResult<string>
    // @ts-expect-error data needs narrowing: a 304 has none
    void got.data
    if (got.kind === 'full' || got.kind === 'partial') expectTypeOf(got.data).toEqualTypeOf<string>()
  })

  it('PUT, DELETE and LOCK are discriminated unions', () => {
    expectTypeOf(dav.put('a', 'x')).resolves.toEqualTypeOf<PutResult>()
    expectTypeOf(dav.delete('a')).resolves.toEqualTypeOf<DeleteResult>()
    expectTypeOf(dav.lock('a')).resolves.toEqualTypeOf<LockResult>()
    const put = {} as PutResult
    if (put.kind === 'locked') expectTypeOf(put.lockedHrefs).toEqualTypeOf<readonly string[]>()
    // A retried PUT or MKCOL may contradict an earlier attempt that was carried out.
    if (put.kind === 'uncertain') expectTypeOf(put.earlierFailures).toEqualTypeOf<readonly Error[]>()
    const made = {} as MkcolResult
    expectTypeOf<MkcolResult['kind']>().toEqualTypeOf<
      | 'created'
      | 'already-exists'
      | 'uncertain'
      | 'unsupported-media-type'
      | 'conflict'
      | 'locked'
      | 'failed-dependency'
      | 'partial'
      | 'forbidden'
      | 'insufficient-storage'
    >()
    if (made.kind === 'uncertain') expectTypeOf(made.earlierFailures).toEqualTypeOf<readonly Error[]>()
    const lock = {} as LockResult
    if (lock.kind === 'granted') expectTypeOf(lock.token).toEqualTypeOf<string>()
    const deleted = {} as DeleteResult
    if (deleted.kind === 'partial') expectTypeOf(deleted.failures[0]!.href).toEqualTypeOf<ResourceHref>()
  })

  it('a granted lock is itself a lock submission', () => {
    expectTypeOf<LockGranted>().toExtend<LockSubmission>()
    const held = {} as LockGranted
    void dav.put('a', 'x', { lockToken: held })
    void dav.delete('a', { lockToken: [held, 'opaquelocktoken:1'] })
  })

  it('refuses bodies PUT cannot send', () => {
    // @ts-expect-error a number is not a body
    void dav.put('a', 42)
  })
})

describe('locks on every write, and the outcomes of a multistatus', () => {
  const grant = {} as LockGranted

  it('every write takes a grant, a { token, root } or a bare token; COPY and MOVE per side', () => {
    void dav.put('a', 'x', { lockToken: grant })
    void dav.delete('a', { lockToken: 'opaquelocktoken:1' })
    void dav.mkcol('d', { lockToken: [grant, { token: 'opaquelocktoken:2', root: 'd/' }] })
    void dav.proppatch('a', [], { lockToken: grant })
    void dav.copy('a', 'b', { lockToken: grant, destinationLockToken: { token: 'opaquelocktoken:3', root: 'b/' } })
    void dav.move('a', 'b', { destinationLockToken: grant })
    void dav.refreshLock('a', grant)
    void dav.unlock('a', grant)
    expectTypeOf(lockIfHeader).returns.toEqualTypeOf<string>()
    expectTypeOf<LockGranted>().toMatchTypeOf<LockSubmission>()
    // @ts-expect-error a token is a string
    void dav.put('a', 'x', { lockToken: 42 })
  })

  it('locked, failed-dependency and partial are in every write union, with what the multistatus said', () => {
    expectTypeOf<Extract<PutResult['kind'], 'locked' | 'failed-dependency' | 'partial'>>().toEqualTypeOf<
      'locked' | 'failed-dependency' | 'partial'
    >()
    expectTypeOf<Extract<DeleteResult['kind'], 'locked' | 'failed-dependency' | 'partial'>>().toEqualTypeOf<
      'locked' | 'failed-dependency' | 'partial'
    >()
    expectTypeOf<Extract<TransferResult['kind'], 'locked' | 'failed-dependency' | 'partial'>>().toEqualTypeOf<
      'locked' | 'failed-dependency' | 'partial'
    >()
    expectTypeOf<Extract<ProppatchResult['kind'], 'locked' | 'failed-dependency' | 'partial'>>().toEqualTypeOf<
      'locked' | 'failed-dependency' | 'partial'
    >()
    const put = {} as PutResult
    if (put.kind === 'locked') {
      expectTypeOf(put).toEqualTypeOf<ContentLocked>()
      expectTypeOf(put.failures).toEqualTypeOf<readonly MemberFailure[]>()
      expectTypeOf(put.description).toEqualTypeOf<string | undefined>()
    }
    if (put.kind === 'failed-dependency') expectTypeOf(put).toEqualTypeOf<ContentFailedDependency>()
    if (put.kind === 'partial') expectTypeOf(put).toEqualTypeOf<WritePartial>()
    const moved = {} as TransferResult
    if (moved.kind === 'locked') expectTypeOf(moved.lockedHrefs).toEqualTypeOf<readonly string[]>()
    if (moved.kind === 'failed-dependency') expectTypeOf(moved).toEqualTypeOf<TransferFailedDependency>()
  })
})
