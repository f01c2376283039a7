import { describe, expect, it } from 'vitest'
import { davProps } from '../../src/properties/index.ts'
import { dav, element } from './elements.ts'

const ws = '\n   '

function activelock(...parts: ReturnType<typeof dav>[]): ReturnType<typeof dav> {
  return dav('activelock', ws, ...parts.flatMap((part) => [part, ws]))
}

const exclusiveWrite = [dav('locktype', dav('write')), dav('lockscope', dav('exclusive'))]

describe('lockdiscovery', () => {
  it('reads an unlocked resource (empty, or whitespace only) as no locks', () => {
    expect(davProps.lockdiscovery.decode(dav('lockdiscovery'))).toEqual({ ok: true, value: [] })
    expect(davProps.lockdiscovery.decode(dav('lockdiscovery', '\n  '))).toEqual({ ok: true, value: [] })
  })

  it('reads an RFC 4918 active lock with every part', () => {
    const owner = dav('owner', dav('href', 'http://example.org/~ejw/contact.html'))
    const result = davProps.lockdiscovery.decode(
      dav(
        'lockdiscovery',
        activelock(
          dav('locktype', dav('write')),
          dav('lockscope', dav('exclusive')),
          dav('depth', 'infinity'),
          owner,
          dav('timeout', 'Second-604800'),
          dav('locktoken', dav('href', 'urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4')),
          dav('lockroot', dav('href', 'http://example.com/workspace/webdav/proposal.doc')),
        ),
      ),
    )
    expect(result).toEqual({
      ok: true,
      value: [
        {
          scope: 'exclusive',
          type: 'write',
          depth: 'infinity',
          owner: { element: owner, text: 'http://example.org/~ejw/contact.html' },
          timeout: { kind: 'seconds', seconds: 604800 },
          token: 'urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4',
          root: 'http://example.com/workspace/webdav/proposal.doc',
        },
      ],
    })
  })

  it('reads an Alfresco-style RFC 2518 lock: empty owner, Infinite timeout, no lockroot', () => {
    const result = davProps.lockdiscovery.decode(
      dav(
        'lockdiscovery',
        activelock(
          ...exclusiveWrite,
          dav('depth', '0'),
          dav('owner'),
          dav('timeout', 'Infinite'),
          dav('locktoken', dav('href', 'opaquelocktoken:28e080a3-2a77-4f35-a786-af0b984e6929:null')),
        ),
      ),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toHaveLength(1)
    expect(result.value[0]).toMatchObject({
      scope: 'exclusive',
      depth: '0',
      owner: { text: '' },
      timeout: { kind: 'infinite' },
      token: 'opaquelocktoken:28e080a3-2a77-4f35-a786-af0b984e6929:null',
      root: undefined,
    })
  })

  it('reads several shared locks in order, with timeouts in any case and optional parts absent', () => {
    const result = davProps.lockdiscovery.decode(
      dav(
        'lockdiscovery',
        activelock(dav('lockscope', dav('shared')), dav('locktype', dav('write')), dav('depth', '0'), dav('timeout', 'second-60')),
        activelock(dav('lockscope', dav('shared')), dav('locktype', dav('write')), dav('depth', 'Infinity')),
      ),
    )
    expect(result).toEqual({
      ok: true,
      value: [
        {
          scope: 'shared',
          type: 'write',
          depth: '0',
          owner: undefined,
          timeout: { kind: 'seconds', seconds: 60 },
          token: undefined,
          root: undefined,
        },
        { scope: 'shared', type: 'write', depth: 'infinity', owner: undefined, timeout: undefined, token: undefined, root: undefined },
      ],
    })
  })

  it('keeps an owner given as free text', () => {
    const result = davProps.lockdiscovery.decode(
      dav('lockdiscovery', activelock(...exclusiveWrite, dav('depth', '0'), dav('owner', '  litmus test suite  '))),
    )
    expect(result.ok && result.value[0]?.owner?.text).toBe('litmus test suite')
  })

  it.each([
    ['no lockscope', activelock(dav('locktype', dav('write')), dav('depth', '0')), 'activelock 1: no lockscope'],
    [
      'an unknown lockscope',
      activelock(dav('lockscope', dav('partial')), dav('locktype', dav('write')), dav('depth', '0')),
      'activelock 1: unknown lockscope {DAV:}partial',
    ],
    [
      'an unknown locktype',
      activelock(dav('lockscope', dav('shared')), dav('locktype', element('urn:x', 'read')), dav('depth', '0')),
      'activelock 1: unknown locktype {urn:x}read',
    ],
    ['no depth', activelock(...exclusiveWrite), 'activelock 1: no depth'],
    ['depth 1', activelock(...exclusiveWrite, dav('depth', '1')), 'activelock 1: lock depth "1", expected 0 or infinity'],
    [
      'a garbled timeout',
      activelock(...exclusiveWrite, dav('depth', '0'), dav('timeout', 'Second-abc')),
      'activelock 1: lock timeout "Second-abc", expected Second-n or Infinite',
    ],
  ])('refuses a lock with %s, naming what is wrong', (_, lock, problem) => {
    expect(davProps.lockdiscovery.decode(dav('lockdiscovery', lock))).toEqual({ ok: false, problem })
  })

  it('refuses the list when a later lock is bad, naming which one', () => {
    const good = activelock(...exclusiveWrite, dav('depth', '0'))
    const bad = activelock(...exclusiveWrite)
    expect(davProps.lockdiscovery.decode(dav('lockdiscovery', good, bad))).toEqual({ ok: false, problem: 'activelock 2: no depth' })
  })

  it('refuses foreign children and text', () => {
    expect(davProps.lockdiscovery.decode(dav('lockdiscovery', dav('lockentry'))).ok).toBe(false)
    expect(davProps.lockdiscovery.decode(dav('lockdiscovery', 'locked')).ok).toBe(false)
  })
})

describe('supportedlock', () => {
  const entry = (scope: string): ReturnType<typeof dav> =>
    dav('lockentry', ws, dav('lockscope', ws, dav(scope), ws), ws, dav('locktype', ws, dav('write'), ws), ws)

  it('reads the lock entries in order (Seafile, npm webdav-server)', () => {
    expect(davProps.supportedlock.decode(dav('supportedlock', ws, entry('exclusive'), ws, entry('shared'), ws))).toEqual({
      ok: true,
      value: [
        { scope: 'exclusive', type: 'write' },
        { scope: 'shared', type: 'write' },
      ],
    })
  })

  it('reads an empty supportedlock as no lock support', () => {
    expect(davProps.supportedlock.decode(dav('supportedlock'))).toEqual({ ok: true, value: [] })
  })

  it('refuses an entry without a locktype', () => {
    expect(davProps.supportedlock.decode(dav('supportedlock', dav('lockentry', dav('lockscope', dav('shared')))))).toEqual({
      ok: false,
      problem: 'lockentry 1: no locktype',
    })
  })
})
