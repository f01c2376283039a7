import type {
  ActiveLock,
  CurrentUserPrincipal,
  DavQName,
  EntityTag,
  LiteralQName,
  LockEntry,
  PropertyCodec,
  PropertyResult,
  PropertyResults,
  QuotaBytes,
  RawProperty,
  ResourceType,
  WritablePropertyCodec,
  XmlElement,
} from '@davkit/types'
import { describe, expectTypeOf, it } from 'vitest'
import {
  davProps,
  decodeProperties,
  decodeProperty,
  decoded,
  defineProperty,
  hrefProperty,
  hrefsProperty,
  integerProperty,
  rawProperty,
  textProperty,
  undecodable,
  xmlProperty,
} from '../../src/properties/index.ts'

declare const raw: RawProperty | undefined
declare const properties: readonly RawProperty[]

describe('decodeProperty', () => {
  it('infers the result from the codec', () => {
    const length = decodeProperty(davProps.getcontentlength, raw)
    expectTypeOf(length).toEqualTypeOf<PropertyResult<number>>()
    if (length.kind === 'value') expectTypeOf(length.value).toEqualTypeOf<number>()
    expectTypeOf(decodeProperty(davProps.getetag, raw)).toEqualTypeOf<PropertyResult<EntityTag>>()
    expectTypeOf(decodeProperty(davProps.getlastmodified, raw)).toEqualTypeOf<PropertyResult<Date>>()
  })

  it('has no value outside the value kind', () => {
    const result = decodeProperty(davProps.getcontentlength, raw)
    // @ts-expect-error: value exists only once narrowed to kind 'value'
    void result.value
    if (result.kind === 'invalid') expectTypeOf(result.problem).toEqualTypeOf<string>()
  })

  it('switches exhaustively over kind', () => {
    const result = decodeProperty(davProps.displayname, raw)
    const describe = (): string => {
      switch (result.kind) {
        case 'value':
          return result.value
        case 'invalid':
          return result.problem
        case 'failed':
          return String(result.status.code)
        case 'status-problem':
          return result.problem.problem
        case 'missing':
          return 'missing'
        default:
          expectTypeOf(result).toBeNever()
          return result
      }
    }
    expectTypeOf(describe).returns.toEqualTypeOf<string>()
  })
})

describe('davProps', () => {
  it('is a record of codecs, usable wherever one is expected', () => {
    expectTypeOf(davProps).toExtend<Readonly<Record<string, PropertyCodec<any>>>>()
  })

  it('keeps literal names', () => {
    expectTypeOf(davProps.getetag.name).toEqualTypeOf<DavQName<'getetag'>>()
    expectTypeOf(davProps.getetag.name.local).toEqualTypeOf<'getetag'>()
    expectTypeOf(davProps.quotaAvailableBytes.name.local).toEqualTypeOf<'quota-available-bytes'>()
    expectTypeOf(davProps.currentUserPrincipal.name.local).toEqualTypeOf<'current-user-principal'>()
  })

  it('decodes each built-in to its value type', () => {
    type Values = { [K in keyof typeof davProps]: PropertyResults<typeof davProps>[K] }
    expectTypeOf<Values>().toEqualTypeOf<{
      readonly resourcetype: PropertyResult<ResourceType>
      readonly displayname: PropertyResult<string>
      readonly getcontentlength: PropertyResult<number>
      readonly getcontenttype: PropertyResult<string>
      readonly getcontentlanguage: PropertyResult<string>
      readonly getetag: PropertyResult<EntityTag>
      readonly getlastmodified: PropertyResult<Date>
      readonly creationdate: PropertyResult<Date>
      readonly lockdiscovery: PropertyResult<readonly ActiveLock[]>
      readonly supportedlock: PropertyResult<readonly LockEntry[]>
      readonly quotaAvailableBytes: PropertyResult<QuotaBytes>
      readonly quotaUsedBytes: PropertyResult<QuotaBytes>
      readonly currentUserPrincipal: PropertyResult<CurrentUserPrincipal>
      readonly syncToken: PropertyResult<string>
    }>()
  })

  it('lets only the writable ones be encoded', () => {
    expectTypeOf(davProps.displayname).toExtend<WritablePropertyCodec<string>>()
    expectTypeOf(davProps.getcontenttype).toExtend<WritablePropertyCodec<string>>()
    expectTypeOf(davProps.getcontentlanguage).toExtend<WritablePropertyCodec<string>>()
    expectTypeOf(davProps.getetag).not.toExtend<WritablePropertyCodec<EntityTag>>()
    expectTypeOf(davProps.getcontentlength).not.toExtend<WritablePropertyCodec<number>>()
    // @ts-expect-error: a number is not a display name
    davProps.displayname.encode(42)
  })
})

describe('PropertyResults', () => {
  it('maps a record of codecs to a record of results', () => {
    const ocSize = integerProperty('http://owncloud.org/ns', 'size')
    const codecs = { size: davProps.getcontentlength, etag: davProps.getetag, ocSize, raw: xmlProperty('DAV:', 'acl') }
    expectTypeOf<PropertyResults<typeof codecs>>().toEqualTypeOf<{
      readonly size: PropertyResult<number>
      readonly etag: PropertyResult<EntityTag>
      readonly ocSize: PropertyResult<number>
      readonly raw: PropertyResult<XmlElement>
    }>()
    const results = decodeProperties(codecs, properties)
    expectTypeOf(results).toEqualTypeOf<PropertyResults<typeof codecs>>()
    if (results.etag.kind === 'value') expectTypeOf(results.etag.value.weak).toEqualTypeOf<boolean>()
  })

  it('accepts records typed by an interface, and generic records of codecs', () => {
    const all = decodeProperties(davProps, properties)
    expectTypeOf(all.getlastmodified).toEqualTypeOf<PropertyResult<Date>>()
    expectTypeOf(all.lockdiscovery).toEqualTypeOf<PropertyResult<readonly ActiveLock[]>>()
    const generic = <P extends Record<string, PropertyCodec<any>>>(codecs: P): PropertyResults<P> => decodeProperties(codecs, properties)
    expectTypeOf(generic({ etag: davProps.getetag }).etag).toEqualTypeOf<PropertyResult<EntityTag>>()
  })

  it('refuses what is not a record of codecs', () => {
    // @ts-expect-error: a string is not a codec
    decodeProperties({ size: 'getcontentlength' }, properties)
  })
})

describe('user-defined codecs', () => {
  it('infers the value type and keeps a literal name', () => {
    const favorite = defineProperty({
      namespace: 'http://owncloud.org/ns',
      local: 'favorite',
      decode: (element) => (element.children.length > 0 ? decoded(true) : undecodable('empty')),
    })
    expectTypeOf(favorite).toEqualTypeOf<PropertyCodec<boolean, LiteralQName<'http://owncloud.org/ns', 'favorite'>>>()
    expectTypeOf(decodeProperty(favorite, raw)).toEqualTypeOf<PropertyResult<boolean>>()
  })

  it('is writable exactly when encode is given', () => {
    const withEncode = defineProperty({
      namespace: 'urn:x',
      local: 'n',
      decode: () => decoded(1),
      encode: (value: number) => [{ kind: 'text', text: String(value) }],
    })
    expectTypeOf(withEncode).toEqualTypeOf<WritablePropertyCodec<number, LiteralQName<'urn:x', 'n'>>>()
    expectTypeOf(textProperty('urn:x', 't')).toEqualTypeOf<WritablePropertyCodec<string, LiteralQName<'urn:x', 't'>>>()
    expectTypeOf(rawProperty({ namespace: 'urn:x', local: 'r' } as const).name.local).toEqualTypeOf<'r'>()
  })
})

describe('href helpers', () => {
  it('decode to a string or a list of strings and keep literal names', () => {
    const home = hrefsProperty('urn:ietf:params:xml:ns:caldav', 'calendar-home-set')
    expectTypeOf(home).toEqualTypeOf<
      WritablePropertyCodec<readonly string[], LiteralQName<'urn:ietf:params:xml:ns:caldav', 'calendar-home-set'>>
    >()
    expectTypeOf(decodeProperty(hrefProperty('DAV:', 'principal-URL'), raw)).toEqualTypeOf<PropertyResult<string>>()
  })
})
