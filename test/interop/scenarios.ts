import { oneOf, type Expected } from './expectation.ts'
import type { Scenario } from './scenario.ts'
import { element } from './xml-value.ts'

/** Namespaces of the dead properties the scenarios write. */
export const nsA = 'urn:davkit:interop:a'
export const nsB = 'http://example.com/davkit/b/'

const resourcetype = '{DAV:}resourcetype'
const getcontentlength = '{DAV:}getcontentlength'
const getetag = '{DAV:}getetag'
const getlastmodified = '{DAV:}getlastmodified'
const color = `{${nsA}}color`
const doc = `{${nsB}}doc`
const note = `{${nsB}}note`

/** A dead property's text: markup characters, accents, CJK and a character outside the BMP. */
const noteText = 'a < b & c > d "q" naïve 日本 😀'

/** Canonical values (see observe.ts): a collection's resourcetype, a file's (empty). */
const collection = '<{DAV:}collection></>'
const file = ''

/** A property reported with 200 and this canonical value. */
function ok(value: string): Expected {
  return { status: 200, value }
}

/** A property reported with a failure status and no `DAV:error`. */
function failed(status: number): Expected {
  return { status }
}

/** A 207 answer listing these resources. */
function multistatus(resources: Readonly<Record<string, Readonly<Record<string, Expected>>>>): Expected {
  return { status: 207, resources }
}

/** The `DAV:error` conditions of a failure, by Clark name. */
function failedWith(status: number, ...conditions: readonly string[]): Expected {
  return { status, conditions }
}

const notFound: Expected = { status: 404 }
const created: Expected = { status: 201 }
const noContent: Expected = { status: 204 }
const preconditionFailed: Expected = { status: 412 }
const conflict: Expected = { status: 409 }
const locked: Expected = { status: 423 }

/** The XML value of the `doc` dead property: mixed content across two namespaces. */
const docValue = [element(`{${nsB}}part`, 'x ', element(`{${nsA}}em`, 'y')), element(`{${nsB}}empty`)]
const docCanonical = `<{${nsB}}part>x <{${nsA}}em>y</></><{${nsB}}empty></>`

/** A tree shared by the PROPFIND, COPY and MOVE scenarios. */
const tree = [
  { do: 'mkcol', path: 'dir/' },
  { do: 'put', path: 'dir/a.txt', body: 'aa' },
  { do: 'mkcol', path: 'dir/sub/' },
  { do: 'put', path: 'dir/sub/deep.txt', body: 'deep' },
] as const

/**
 * The interop scenarios, written once and run against every server. Each step's `expect` is
 * what RFC 4918 asks for; where a server answers otherwise, the answer is recorded in
 * deviations.ts, never special-cased here or in the client.
 */
export const scenarios: readonly Scenario[] = [
  {
    id: 'names',
    title: 'create collections and files named with spaces, #, % and non-ASCII',
    steps: [
      { do: 'mkcol', path: 'with space/' },
      { do: 'put', path: 'with space/a #1.txt', body: 'one' },
      { do: 'put', path: '100% sure.txt', body: 'two' },
      { do: 'put', path: 'naïve café 日本.txt', body: 'three' },
      { do: 'mkcol', path: 'ünï #%/' },
      {
        do: 'propfind',
        path: '',
        depth: 1,
        props: [resourcetype],
        expect: multistatus({
          '/': { [resourcetype]: ok(collection) },
          '/with space/': { [resourcetype]: ok(collection) },
          '/100% sure.txt': { [resourcetype]: ok(file) },
          '/naïve café 日本.txt': { [resourcetype]: ok(file) },
          '/ünï #%/': { [resourcetype]: ok(collection) },
        }),
      },
      {
        do: 'propfind',
        path: 'with space/a #1.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/with space/a #1.txt': { [getcontentlength]: ok('3') } }),
      },
    ],
  },
  {
    id: 'mkcol-delete',
    title: 'MKCOL over an existing resource or under a missing parent; DELETE of a file, a tree, a missing URL',
    steps: [
      { do: 'mkcol', path: 'coll/' },
      { do: 'mkcol', path: 'coll/', expect: { status: 405 } },
      { do: 'put', path: 'file.txt', body: 'x' },
      { do: 'mkcol', path: 'file.txt', expect: { status: 405 } },
      { do: 'mkcol', path: 'missing/coll/', expect: conflict },
      { do: 'put', path: 'coll/member.txt', body: 'member' },
      { do: 'delete', path: 'file.txt', expect: noContent },
      { do: 'delete', path: 'coll/', expect: noContent },
      { do: 'propfind', path: 'coll/member.txt', depth: 0, props: [resourcetype], expect: notFound },
      { do: 'delete', path: 'coll/', expect: notFound },
    ],
  },
  {
    id: 'propfind-depth0',
    title: 'PROPFIND Depth 0, named properties in three namespaces, mixed 200/404',
    steps: [
      { do: 'put', path: 'file.txt', body: 'hello' },
      {
        do: 'propfind',
        path: 'file.txt',
        depth: 0,
        props: [getcontentlength, getetag, resourcetype, getlastmodified, color, doc, '{DAV:}no-such-live-property'],
        expect: multistatus({
          '/file.txt': {
            [getcontentlength]: ok('5'),
            [getetag]: ok('<etag>'),
            [resourcetype]: ok(file),
            [getlastmodified]: ok('<http-date>'),
            [color]: notFound,
            [doc]: notFound,
            '{DAV:}no-such-live-property': notFound,
          },
        }),
      },
      { do: 'propfind', path: 'missing.txt', depth: 0, props: [resourcetype], expect: notFound },
    ],
  },
  {
    id: 'propfind-depth1',
    title: 'PROPFIND Depth 1 lists the collection and its members, not deeper',
    steps: [
      ...tree,
      {
        do: 'propfind',
        path: 'dir/',
        depth: 1,
        props: [resourcetype, color],
        expect: multistatus({
          '/dir/': { [resourcetype]: ok(collection), [color]: notFound },
          '/dir/a.txt': { [resourcetype]: ok(file), [color]: notFound },
          '/dir/sub/': { [resourcetype]: ok(collection), [color]: notFound },
        }),
      },
    ],
  },
  {
    id: 'propfind-infinity',
    title: 'PROPFIND Depth infinity is served, or refused with propfind-finite-depth',
    steps: [
      ...tree,
      {
        do: 'propfind',
        path: 'dir/',
        depth: 'infinity',
        props: [resourcetype],
        expect: oneOf(
          multistatus({
            '/dir/': { [resourcetype]: ok(collection) },
            '/dir/a.txt': { [resourcetype]: ok(file) },
            '/dir/sub/': { [resourcetype]: ok(collection) },
            '/dir/sub/deep.txt': { [resourcetype]: ok(file) },
          }),
          failedWith(403, '{DAV:}propfind-finite-depth'),
        ),
      },
    ],
  },
  {
    id: 'proppatch-dead',
    title: 'PROPPATCH sets and removes dead properties with XML values',
    steps: [
      { do: 'put', path: 'file.txt', body: 'hello' },
      {
        do: 'proppatch',
        path: 'file.txt',
        instructions: [{ set: color, value: ['blue'] }, { set: doc, value: docValue }, { remove: `{${nsA}}never-set` }],
        expect: multistatus({
          '/file.txt': { [color]: { status: 200 }, [doc]: { status: 200 }, [`{${nsA}}never-set`]: { status: 200 } },
        }),
      },
      {
        do: 'propfind',
        path: 'file.txt',
        depth: 0,
        props: [color, doc],
        expect: multistatus({ '/file.txt': { [color]: ok('blue'), [doc]: ok(docCanonical) } }),
      },
      {
        do: 'proppatch',
        path: 'file.txt',
        instructions: [{ remove: color }],
        expect: multistatus({ '/file.txt': { [color]: { status: 200 } } }),
      },
      {
        do: 'propfind',
        path: 'file.txt',
        depth: 0,
        props: [color, doc],
        expect: multistatus({ '/file.txt': { [color]: notFound, [doc]: ok(docCanonical) } }),
      },
    ],
  },
  {
    id: 'proppatch-text',
    title: 'PROPPATCH keeps dead property text exactly: markup characters, non-ASCII, astral plane',
    steps: [
      { do: 'put', path: 'file.txt', body: 'hello' },
      {
        do: 'proppatch',
        path: 'file.txt',
        instructions: [{ set: note, value: [noteText] }],
        expect: multistatus({ '/file.txt': { [note]: { status: 200 } } }),
      },
      {
        do: 'propfind',
        path: 'file.txt',
        depth: 0,
        props: [note],
        expect: multistatus({ '/file.txt': { [note]: ok(noteText) } }),
      },
    ],
  },
  {
    id: 'proppatch-protected',
    title: 'PROPPATCH of a protected property fails atomically (403 + 424)',
    steps: [
      { do: 'put', path: 'file.txt', body: 'hello' },
      {
        do: 'proppatch',
        path: 'file.txt',
        instructions: [
          { set: color, value: ['red'] },
          { set: getetag, value: ['"forged"'] },
        ],
        expect: multistatus({
          '/file.txt': {
            [color]: failed(424),
            [getetag]: oneOf(failed(403), failedWith(403, '{DAV:}cannot-modify-protected-property')),
          },
        }),
      },
      {
        do: 'propfind',
        path: 'file.txt',
        depth: 0,
        props: [color],
        expect: multistatus({ '/file.txt': { [color]: notFound } }),
      },
    ],
  },
  {
    id: 'copy-file',
    title: 'COPY of a file: new target, existing target with Overwrite F and T, missing parent',
    steps: [
      { do: 'put', path: 'src.txt', body: 'source' },
      { do: 'put', path: 'existing.txt', body: 'old' },
      { do: 'copy', from: 'src.txt', to: 'new.txt', expect: created },
      { do: 'copy', from: 'src.txt', to: 'existing.txt', overwrite: false, expect: preconditionFailed },
      {
        do: 'propfind',
        path: 'existing.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/existing.txt': { [getcontentlength]: ok('3') } }),
      },
      { do: 'copy', from: 'src.txt', to: 'existing.txt', overwrite: true, expect: noContent },
      {
        do: 'propfind',
        path: 'existing.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/existing.txt': { [getcontentlength]: ok('6') } }),
      },
      { do: 'copy', from: 'src.txt', to: 'missing/new.txt', expect: conflict },
      // Without an Overwrite header, Overwrite T is assumed (RFC 4918 10.6).
      { do: 'put', path: 'other.txt', body: 'other source' },
      { do: 'copy', from: 'other.txt', to: 'existing.txt', expect: noContent },
      {
        do: 'propfind',
        path: 'existing.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/existing.txt': { [getcontentlength]: ok('12') } }),
      },
    ],
  },
  {
    id: 'copy-collection',
    title: 'COPY of a collection: Depth infinity and 0, onto an existing collection, missing parent',
    steps: [
      ...tree,
      { do: 'mkcol', path: 'target/' },
      { do: 'put', path: 'target/old.txt', body: 'old' },
      { do: 'copy', from: 'dir/', to: 'copy/', depth: 'infinity', expect: created },
      {
        do: 'propfind',
        path: 'copy/',
        depth: 1,
        props: [resourcetype],
        expect: multistatus({
          '/copy/': { [resourcetype]: ok(collection) },
          '/copy/a.txt': { [resourcetype]: ok(file) },
          '/copy/sub/': { [resourcetype]: ok(collection) },
        }),
      },
      { do: 'copy', from: 'dir/', to: 'shallow/', depth: 0, expect: created },
      {
        do: 'propfind',
        path: 'shallow/',
        depth: 1,
        props: [resourcetype],
        expect: multistatus({ '/shallow/': { [resourcetype]: ok(collection) } }),
      },
      { do: 'copy', from: 'dir/', to: 'target/', overwrite: false, expect: preconditionFailed },
      { do: 'copy', from: 'dir/', to: 'target/', overwrite: true, expect: noContent },
      {
        do: 'propfind',
        path: 'target/',
        depth: 1,
        props: [resourcetype],
        expect: multistatus({
          '/target/': { [resourcetype]: ok(collection) },
          '/target/a.txt': { [resourcetype]: ok(file) },
          '/target/sub/': { [resourcetype]: ok(collection) },
        }),
      },
      { do: 'copy', from: 'dir/', to: 'missing/deeper/', expect: conflict },
    ],
  },
  {
    id: 'move-file',
    title: 'MOVE of a file: new target, existing target with Overwrite F and T, missing parent',
    steps: [
      { do: 'put', path: 'a.txt', body: 'first' },
      { do: 'put', path: 'b.txt', body: 'second!' },
      { do: 'put', path: 'existing.txt', body: 'old' },
      { do: 'move', from: 'a.txt', to: 'moved.txt', expect: created },
      { do: 'propfind', path: 'a.txt', depth: 0, props: [resourcetype], expect: notFound },
      {
        do: 'propfind',
        path: 'moved.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/moved.txt': { [getcontentlength]: ok('5') } }),
      },
      { do: 'move', from: 'b.txt', to: 'existing.txt', overwrite: false, expect: preconditionFailed },
      { do: 'move', from: 'b.txt', to: 'existing.txt', overwrite: true, expect: noContent },
      {
        do: 'propfind',
        path: 'existing.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/existing.txt': { [getcontentlength]: ok('7') } }),
      },
      { do: 'move', from: 'moved.txt', to: 'missing/moved.txt', expect: conflict },
      // Without an Overwrite header, Overwrite T is assumed (RFC 4918 10.6).
      { do: 'put', path: 'c.txt', body: 'third one' },
      { do: 'move', from: 'c.txt', to: 'existing.txt', expect: noContent },
      {
        do: 'propfind',
        path: 'existing.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/existing.txt': { [getcontentlength]: ok('9') } }),
      },
    ],
  },
  {
    id: 'move-collection',
    title: 'MOVE of a collection: new target, onto an existing collection with Overwrite F and T, missing parent',
    steps: [
      ...tree,
      { do: 'mkcol', path: 'target/' },
      { do: 'put', path: 'target/old.txt', body: 'old' },
      { do: 'move', from: 'dir/', to: 'moved/', expect: created },
      {
        do: 'propfind',
        path: 'moved/',
        depth: 1,
        props: [resourcetype],
        expect: multistatus({
          '/moved/': { [resourcetype]: ok(collection) },
          '/moved/a.txt': { [resourcetype]: ok(file) },
          '/moved/sub/': { [resourcetype]: ok(collection) },
        }),
      },
      { do: 'move', from: 'moved/', to: 'target/', overwrite: false, expect: preconditionFailed },
      { do: 'move', from: 'moved/', to: 'target/', overwrite: true, expect: noContent },
      {
        do: 'propfind',
        path: 'target/',
        depth: 1,
        props: [resourcetype],
        expect: multistatus({
          '/target/': { [resourcetype]: ok(collection) },
          '/target/a.txt': { [resourcetype]: ok(file) },
          '/target/sub/': { [resourcetype]: ok(collection) },
        }),
      },
      { do: 'move', from: 'target/', to: 'missing/deeper/', expect: conflict },
    ],
  },
  {
    id: 'delete-locked-member',
    title: 'DELETE of a collection whose member is locked by another client',
    steps: [
      { do: 'mkcol', path: 'coll/' },
      { do: 'put', path: 'coll/locked.txt', body: 'mine' },
      { do: 'lock', path: 'coll/locked.txt', owner: 'another client', by: 'other', as: 'other' },
      // RFC 4918 9.6.1: the member that cannot be deleted is listed with 423, the collection stays.
      { do: 'delete', path: 'coll/', expect: oneOf(locked, { status: 207, members: { '/coll/locked.txt': 423 } }) },
      {
        do: 'propfind',
        path: 'coll/locked.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/coll/locked.txt': { [getcontentlength]: ok('4') } }),
      },
      { do: 'unlock', path: 'coll/locked.txt', lock: 'other', by: 'other' },
      { do: 'delete', path: 'coll/', expect: noContent },
    ],
  },
  {
    id: 'move-locked-member',
    title: 'MOVE of a collection whose member is locked by another client',
    steps: [
      { do: 'mkcol', path: 'coll/' },
      { do: 'put', path: 'coll/locked.txt', body: 'mine' },
      { do: 'lock', path: 'coll/locked.txt', owner: 'another client', by: 'other', as: 'other' },
      { do: 'move', from: 'coll/', to: 'dest/', expect: oneOf(locked, { status: 207, members: { '/coll/locked.txt': 423 } }) },
      {
        do: 'propfind',
        path: 'coll/locked.txt',
        depth: 0,
        props: [getcontentlength],
        expect: multistatus({ '/coll/locked.txt': { [getcontentlength]: ok('4') } }),
      },
      { do: 'unlock', path: 'coll/locked.txt', lock: 'other', by: 'other' },
      // The first MOVE may have moved the unlocked members already (dest/ then exists): 201 or 204.
      { do: 'move', from: 'coll/', to: 'dest/', expect: oneOf(created, noContent) },
    ],
  },
  {
    id: 'put-into-locked-collection',
    title: 'PUT and MKCOL of a new member of a collection locked by another client',
    steps: [
      { do: 'mkcol', path: 'coll/' },
      { do: 'lock', path: 'coll/', owner: 'another client', by: 'other', as: 'other', depth: 'infinity' },
      // RFC 4918 9.7.1 and 9.3.1: 423 with the lock-token-submitted precondition naming the lock root.
      { do: 'put', path: 'coll/new.txt', body: 'intruder', expect: failedWith(423, '{DAV:}lock-token-submitted') },
      { do: 'mkcol', path: 'coll/sub/', expect: failedWith(423, '{DAV:}lock-token-submitted') },
      { do: 'unlock', path: 'coll/', lock: 'other', by: 'other' },
      { do: 'put', path: 'coll/new.txt', body: 'free again', expect: created },
    ],
  },
  {
    id: 'lock-unlock',
    title: 'LOCK and UNLOCK: a locked file refuses writes without its token',
    steps: [
      { do: 'put', path: 'file.txt', body: 'hello' },
      { do: 'lock', path: 'file.txt', owner: 'me', as: 'mine' },
      // RFC 4918 16: the 423 names the lock-token-submitted precondition (with the lock's root).
      { do: 'put', path: 'file.txt', body: 'intruder', expect: failedWith(423, '{DAV:}lock-token-submitted') },
      { do: 'put', path: 'file.txt', body: 'owner', lock: 'mine', expect: noContent },
      { do: 'unlock', path: 'file.txt', lock: 'mine' },
      { do: 'put', path: 'file.txt', body: 'free again', expect: noContent },
      // RFC 4918 7.3: a LOCK on an unmapped URL creates an empty resource and answers 201.
      { do: 'lock', path: 'unmapped.txt', owner: 'me', as: 'new', expect: { status: 201, lockToken: 'present' } },
      { do: 'unlock', path: 'unmapped.txt', lock: 'new' },
      // A second exclusive lock by another client conflicts: 423.
      { do: 'lock', path: 'file.txt', owner: 'me', as: 'again' },
      { do: 'lock', path: 'file.txt', owner: 'another client', by: 'other', as: 'theirs', expect: { status: 423, lockToken: 'absent' } },
      { do: 'unlock', path: 'file.txt', lock: 'again' },
    ],
  },
]
