import type { Expected } from './expectation.ts'
import { nsA, nsB } from './scenarios.ts'
import type { TargetName } from './targets.ts'

/**
 * A server's known departure from RFC 4918 in one step of one scenario: what it answers instead
 * (observed on this machine, Debian's packages) and why. Data, never a special case in the client.
 */
export interface Deviation {
  readonly target: TargetName
  readonly scenario: string
  /** Index of the step in the scenario's `steps`. */
  readonly step: number
  /** The outcome the server gives, in the shape of the step's observations. */
  readonly observed: Expected
  readonly note: string
}

const color = `{${nsA}}color`
const doc = `{${nsB}}doc`
const neverSet = `{${nsA}}never-set`
const note = `{${nsB}}note`
const resourcetype = '{DAV:}resourcetype'
const collection = { status: 200, value: '<{DAV:}collection></>' }
const file = { status: 200, value: '' }
const missing = { status: 'missing' }

function deviation(target: TargetName, scenario: string, step: number, observed: Expected, note: string): Deviation {
  return { target, scenario, step, observed, note }
}

/** Apache httpd 2.4.71, mod_dav + mod_dav_fs, `DavDepthInfinity Off` (its default). */
const apache: readonly Deviation[] = [
  deviation(
    'apache',
    'mkcol-delete',
    3,
    { status: 400 },
    'MKCOL over an existing file: the client sends the collection URL file.txt/ (trailing slash), which Apache answers 400 instead of 405',
  ),
  deviation(
    'apache',
    'propfind-infinity',
    4,
    { status: 403 },
    'refuses Depth infinity with an HTML 403, without the propfind-finite-depth precondition',
  ),
  deviation(
    'apache',
    'proppatch-protected',
    1,
    { status: 207, resources: { '/file.txt': { [color]: { status: 424 }, '{DAV:}getetag': { status: 409 } } } },
    'a protected live property is refused with 409 Conflict instead of 403 (still atomic: the other one is 424)',
  ),
  deviation('apache', 'copy-collection', 13, { status: 403 }, 'COPY of a collection under a missing parent: 403 instead of 409'),
  deviation('apache', 'move-file', 9, { status: 500 }, 'MOVE under a missing parent: 500 instead of 409'),
  deviation('apache', 'move-collection', 11, { status: 500 }, 'MOVE under a missing parent: 500 instead of 409'),
  deviation(
    'apache',
    'delete-locked-member',
    3,
    { status: 424, members: { '/coll/locked.txt': 423 } },
    'a member locked by another client: 424 with a multistatus body listing it as 423, instead of a 207',
  ),
  deviation(
    'apache',
    'move-locked-member',
    3,
    { status: 424, members: { '/coll/locked.txt': 423 } },
    'a member locked by another client: 424 with a multistatus body listing it as 423, instead of a 207',
  ),
  deviation(
    'apache',
    'put-into-locked-collection',
    2,
    { status: 207, members: { '/coll/new.txt': 424, '/coll': 423 } },
    'a new member of a collection locked by another client: a 207 naming the member 424 and the collection 423, instead of a 423 with lock-token-submitted',
  ),
  deviation(
    'apache',
    'put-into-locked-collection',
    3,
    { status: 207, members: { '/coll/sub': 424, '/coll': 423 } },
    'a new member of a collection locked by another client: a 207 naming the member 424 and the collection 423, instead of a 423 with lock-token-submitted',
  ),
  deviation(
    'apache',
    'lock-unlock',
    2,
    { status: 423 },
    'a write to a locked resource without its token: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'apache',
    'lock-unlock',
    6,
    { status: 200, lockToken: 'present' },
    'LOCK of an unmapped URL creates it but answers 200, not 201',
  ),
]

/** lighttpd 1.4.69, mod_webdav with SQLite properties and locks. */
const lighttpd: readonly Deviation[] = [
  deviation(
    'lighttpd',
    'put-into-locked-collection',
    2,
    { status: 423 },
    'a new member of a collection locked by another client: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'lighttpd',
    'put-into-locked-collection',
    3,
    { status: 201 },
    'MKCOL of a new member ignores the lock another client holds on the collection',
  ),
  deviation(
    'lighttpd',
    'lock-unlock',
    2,
    { status: 423 },
    'a write to a locked resource without its token: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'lighttpd',
    'propfind-infinity',
    4,
    { status: 403 },
    'refuses Depth infinity with 403, without the propfind-finite-depth precondition',
  ),
  deviation('lighttpd', 'proppatch-dead', 1, { status: 204 }, 'PROPPATCH answers 204 without a multistatus: no per-property outcome'),
  deviation(
    'lighttpd',
    'proppatch-dead',
    2,
    { status: 207, resources: { '/file.txt': { [color]: { status: 200, value: 'blue' }, [doc]: { status: 404 } } } },
    'a dead property with an XML value is silently not stored (the PROPPATCH said 204)',
  ),
  deviation('lighttpd', 'proppatch-dead', 3, { status: 204 }, 'PROPPATCH answers 204 without a multistatus'),
  deviation(
    'lighttpd',
    'proppatch-dead',
    4,
    { status: 207, resources: { '/file.txt': { [color]: { status: 404 }, [doc]: { status: 404 } } } },
    'follows from step 2: the XML-valued property was never stored',
  ),
  deviation('lighttpd', 'proppatch-text', 1, { status: 204 }, 'PROPPATCH answers 204 without a multistatus (the value is stored)'),
  deviation('lighttpd', 'proppatch-protected', 1, { status: 204 }, 'PROPPATCH setting a protected property answers 204'),
  deviation(
    'lighttpd',
    'proppatch-protected',
    2,
    { status: 207, resources: { '/file.txt': { [color]: { status: 200, value: 'red' } } } },
    'PROPPATCH is not atomic: the dead property was set although the protected one was not',
  ),
  deviation('lighttpd', 'copy-collection', 6, { status: 200 }, 'COPY creating a collection answers 200, not 201'),
  deviation(
    'lighttpd',
    'copy-collection',
    10,
    { status: 207, members: { '/dir/': 409 } },
    'COPY onto an existing collection with Overwrite F: 207 naming the source with 409, instead of 412',
  ),
  deviation('lighttpd', 'copy-collection', 11, { status: 200 }, 'COPY replacing a collection answers 200, not 204'),
  deviation(
    'lighttpd',
    'copy-collection',
    12,
    {
      status: 207,
      resources: {
        '/target/': { [resourcetype]: collection },
        '/target/sub/': { [resourcetype]: collection },
        '/target/old.txt': { [resourcetype]: file },
        '/target/a.txt': { [resourcetype]: file },
      },
    },
    'COPY with Overwrite T merges into the existing collection instead of replacing it (old.txt survives)',
  ),
  deviation(
    'lighttpd',
    'copy-collection',
    13,
    { status: 207, members: { '/dir/': 409 } },
    'COPY under a missing parent: 207 naming the source with 409, instead of 409',
  ),
  deviation('lighttpd', 'move-collection', 6, { status: 200 }, 'MOVE creating a collection answers 200, not 201'),
  deviation(
    'lighttpd',
    'move-collection',
    8,
    { status: 207, members: { '/moved/': 412 } },
    'MOVE onto an existing collection with Overwrite F: 207 naming the source with 412, instead of 412',
  ),
  deviation('lighttpd', 'move-collection', 9, { status: 200 }, 'MOVE replacing a collection answers 200, not 204'),
  deviation(
    'lighttpd',
    'move-collection',
    10,
    {
      status: 207,
      resources: {
        '/target/': { [resourcetype]: collection },
        '/target/sub/': { [resourcetype]: collection },
        '/target/old.txt': { [resourcetype]: file },
        '/target/a.txt': { [resourcetype]: file },
      },
    },
    'MOVE with Overwrite T merges into the existing collection instead of replacing it (old.txt survives)',
  ),
  deviation(
    'lighttpd',
    'move-collection',
    11,
    { status: 207, members: { '/target/': 409 } },
    'MOVE under a missing parent: 207 naming the source with 409, instead of 409',
  ),
  deviation(
    'lighttpd',
    'delete-locked-member',
    3,
    { status: 204 },
    "DELETE of a collection ignores a member's lock held by another client",
  ),
  deviation('lighttpd', 'delete-locked-member', 4, { status: 404 }, 'follows from step 3: the locked member is gone'),
  deviation('lighttpd', 'delete-locked-member', 5, { status: 409 }, 'follows from step 3: UNLOCK of the deleted resource answers 409'),
  deviation('lighttpd', 'delete-locked-member', 6, { status: 404 }, 'follows from step 3: the collection is gone'),
  deviation(
    'lighttpd',
    'move-locked-member',
    3,
    { status: 200 },
    "MOVE of a collection ignores a member's lock held by another client (and answers 200)",
  ),
  deviation('lighttpd', 'move-locked-member', 4, { status: 404 }, 'follows from step 3: the locked member was moved away'),
  deviation('lighttpd', 'move-locked-member', 5, { status: 409 }, 'follows from step 3: UNLOCK at the old URL answers 409'),
  deviation('lighttpd', 'move-locked-member', 6, { status: 404 }, 'follows from step 3: the source is gone'),
]

/** nginx 1.22.1 with its dav module and dav-ext 3.0. */
const nginx: readonly Deviation[] = [
  deviation(
    'nginx',
    'put-into-locked-collection',
    2,
    { status: 423 },
    'a new member of a collection locked by another client: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'nginx',
    'put-into-locked-collection',
    3,
    { status: 423 },
    'a new member of a collection locked by another client: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'nginx',
    'lock-unlock',
    2,
    { status: 423 },
    'a write to a locked resource without its token: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'nginx',
    'propfind-depth0',
    1,
    {
      status: 207,
      resources: {
        '/file.txt': {
          '{DAV:}getcontentlength': { status: 200, value: '5' },
          '{DAV:}getetag': missing,
          [resourcetype]: file,
          '{DAV:}getlastmodified': { status: 200, value: '<http-date>' },
          [color]: missing,
          [doc]: missing,
          '{DAV:}no-such-live-property': missing,
        },
      },
    },
    'no getetag property, and unknown properties are left out instead of reported with 404',
  ),
  deviation(
    'nginx',
    'propfind-depth1',
    4,
    {
      status: 207,
      resources: {
        '/dir/': { [resourcetype]: collection, [color]: missing },
        '/dir/sub/': { [resourcetype]: collection, [color]: missing },
        '/dir/a.txt': { [resourcetype]: file, [color]: missing },
      },
    },
    'unknown properties are left out instead of reported with 404',
  ),
  deviation(
    'nginx',
    'propfind-infinity',
    4,
    { status: 403 },
    'refuses Depth infinity with 403, without the propfind-finite-depth precondition',
  ),
  deviation('nginx', 'proppatch-dead', 1, { status: 405 }, 'no PROPPATCH (405): no dead properties at all'),
  deviation(
    'nginx',
    'proppatch-dead',
    2,
    { status: 207, resources: { '/file.txt': { [color]: missing, [doc]: missing } } },
    'no dead properties; unknown ones left out',
  ),
  deviation('nginx', 'proppatch-dead', 3, { status: 405 }, 'no PROPPATCH (405)'),
  deviation(
    'nginx',
    'proppatch-dead',
    4,
    { status: 207, resources: { '/file.txt': { [color]: missing, [doc]: missing } } },
    'no dead properties; unknown ones left out',
  ),
  deviation('nginx', 'proppatch-text', 1, { status: 405 }, 'no PROPPATCH (405)'),
  deviation(
    'nginx',
    'proppatch-text',
    2,
    { status: 207, resources: { '/file.txt': { [note]: missing } } },
    'no dead properties; unknown ones left out',
  ),
  deviation('nginx', 'proppatch-protected', 1, { status: 405 }, 'no PROPPATCH (405)'),
  deviation(
    'nginx',
    'proppatch-protected',
    2,
    { status: 207, resources: { '/file.txt': { [color]: missing } } },
    'unknown properties are left out',
  ),
  deviation('nginx', 'copy-file', 2, { status: 204 }, 'COPY to a new resource answers 204, not 201'),
  deviation('nginx', 'copy-file', 7, { status: 500 }, 'COPY under a missing parent: 500 instead of 409'),
  deviation(
    'nginx',
    'copy-collection',
    9,
    {
      status: 207,
      resources: {
        '/shallow/': { [resourcetype]: collection },
        '/shallow/sub/': { [resourcetype]: collection },
        '/shallow/a.txt': { [resourcetype]: file },
      },
    },
    'COPY with Depth 0 copies the members too',
  ),
  deviation('nginx', 'copy-collection', 11, { status: 201 }, 'COPY replacing a collection answers 201, not 204'),
  deviation('nginx', 'copy-collection', 13, { status: 404 }, 'COPY of a collection under a missing parent: 404 instead of 409'),
  deviation('nginx', 'move-file', 3, { status: 204 }, 'MOVE to a new resource answers 204, not 201'),
  deviation('nginx', 'move-file', 9, { status: 204 }, 'MOVE under a missing parent succeeds (204) instead of 409'),
  deviation('nginx', 'move-collection', 9, { status: 201 }, 'MOVE replacing a collection answers 201, not 204'),
  deviation('nginx', 'move-collection', 11, { status: 404 }, 'MOVE of a collection under a missing parent: 404 instead of 409'),
  deviation('nginx', 'delete-locked-member', 3, { status: 204 }, "DELETE of a collection ignores a member's lock held by another client"),
  deviation('nginx', 'delete-locked-member', 4, { status: 404 }, 'follows from step 3: the locked member is gone'),
  deviation('nginx', 'delete-locked-member', 6, { status: 404 }, 'follows from step 3: the collection is gone'),
  deviation('nginx', 'move-locked-member', 3, { status: 201 }, "MOVE of a collection ignores a member's lock held by another client"),
  deviation('nginx', 'move-locked-member', 4, { status: 404 }, 'follows from step 3: the locked member was moved away'),
  deviation('nginx', 'move-locked-member', 6, { status: 404 }, 'follows from step 3: the source is gone'),
]

/** rclone 1.60.1 `serve webdav` (golang.org/x/net/webdav over the local file system). */
const rclone: readonly Deviation[] = [
  deviation(
    'rclone',
    'proppatch-dead',
    1,
    { status: 207, resources: { '/file.txt': { [color]: { status: 403 }, [doc]: { status: 403 }, [neverSet]: { status: 403 } } } },
    'no dead properties: every PROPPATCH instruction is refused with 403',
  ),
  deviation(
    'rclone',
    'proppatch-dead',
    2,
    { status: 207, resources: { '/file.txt': { [color]: { status: 404 }, [doc]: { status: 404 } } } },
    'no dead properties',
  ),
  deviation(
    'rclone',
    'proppatch-dead',
    3,
    { status: 207, resources: { '/file.txt': { [color]: { status: 403 } } } },
    'no dead properties: removal refused with 403',
  ),
  deviation(
    'rclone',
    'proppatch-dead',
    4,
    { status: 207, resources: { '/file.txt': { [color]: { status: 404 }, [doc]: { status: 404 } } } },
    'no dead properties',
  ),
  deviation(
    'rclone',
    'proppatch-text',
    1,
    { status: 207, resources: { '/file.txt': { [note]: { status: 403 } } } },
    'no dead properties: PROPPATCH refused with 403',
  ),
  deviation('rclone', 'proppatch-text', 2, { status: 207, resources: { '/file.txt': { [note]: { status: 404 } } } }, 'no dead properties'),
  deviation('rclone', 'mkcol-delete', 1, { status: 201 }, 'MKCOL over an existing collection succeeds (201) instead of 405'),
  deviation('rclone', 'copy-collection', 13, { status: 403 }, 'COPY under a missing parent: 403 instead of 409'),
  deviation('rclone', 'move-file', 9, { status: 403 }, 'MOVE under a missing parent: 403 instead of 409'),
  deviation(
    'rclone',
    'move-file',
    11,
    { status: 412 },
    'MOVE without an Overwrite header onto an existing file: 412, as if Overwrite F (the default is T)',
  ),
  deviation(
    'rclone',
    'move-file',
    12,
    { status: 207, resources: { '/existing.txt': { '{DAV:}getcontentlength': { status: 200, value: '7' } } } },
    'follows from step 11: the target was not replaced',
  ),
  deviation('rclone', 'move-collection', 11, { status: 403 }, 'MOVE under a missing parent: 403 instead of 409'),
  deviation('rclone', 'delete-locked-member', 3, { status: 204 }, "DELETE of a collection ignores a member's lock held by another client"),
  deviation('rclone', 'delete-locked-member', 4, { status: 404 }, 'follows from step 3: the locked member is gone'),
  deviation('rclone', 'delete-locked-member', 6, { status: 404 }, 'follows from step 3: the collection is gone'),
  deviation('rclone', 'move-locked-member', 3, { status: 201 }, "MOVE of a collection ignores a member's lock held by another client"),
  deviation('rclone', 'move-locked-member', 4, { status: 404 }, 'follows from step 3: the locked member was moved away'),
  deviation('rclone', 'move-locked-member', 6, { status: 412 }, 'follows from step 3: dest/ exists and the source is gone; answers 412'),
  deviation(
    'rclone',
    'put-into-locked-collection',
    2,
    { status: 423 },
    'a new member of a collection locked by another client: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'rclone',
    'put-into-locked-collection',
    3,
    { status: 423 },
    'a new member of a collection locked by another client: 423 without the lock-token-submitted precondition',
  ),
  deviation(
    'rclone',
    'lock-unlock',
    2,
    { status: 423 },
    'a write to a locked resource without its token: 423 without the lock-token-submitted precondition',
  ),
  deviation('rclone', 'lock-unlock', 3, { status: 201 }, 'PUT replacing an existing file answers 201, not 204'),
  deviation('rclone', 'lock-unlock', 5, { status: 201 }, 'PUT replacing an existing file answers 201, not 204'),
]

/** The fake server of `@davkit/testing` (Node adapter, default options). */
const fake: readonly Deviation[] = [
  deviation(
    'fake',
    'mkcol-delete',
    3,
    { status: 404 },
    'MKCOL over an existing file: the client sends the collection URL file.txt/ (trailing slash), which the fake server answers 404 instead of 405',
  ),
]

/** The known deviations of every server. */
export const deviations: readonly Deviation[] = [...apache, ...fake, ...lighttpd, ...nginx, ...rclone]
