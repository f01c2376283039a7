import { describe, expect, it } from 'vitest'
import type { TransferResult } from './davkit.ts'
import { observeTransfer, shapeOfValue } from './observe.ts'
import { element } from './xml-value.ts'

describe('shapeOfValue', () => {
  it('reduces entity tags and dates to their shape, and says when they have none', () => {
    expect(shapeOfValue('{DAV:}getetag', element('{DAV:}getetag', '"abc-123"'))).toBe('<etag>')
    expect(shapeOfValue('{DAV:}getetag', element('{DAV:}getetag', 'W/"weak"'))).toBe('<etag>')
    expect(shapeOfValue('{DAV:}getetag', element('{DAV:}getetag', 'abc'))).toBe('<not an entity tag: abc>')
    expect(shapeOfValue('{DAV:}getlastmodified', element('{DAV:}getlastmodified', 'Mon, 23 Nov 2026 06:03:46 GMT'))).toBe('<http-date>')
    expect(shapeOfValue('{DAV:}getlastmodified', element('{DAV:}getlastmodified', '2026-11-23T06:03:46Z'))).toBe(
      '<not an RFC 1123 date: 2026-11-23T06:03:46Z>',
    )
    expect(shapeOfValue('{DAV:}creationdate', element('{DAV:}creationdate', '2026-11-23T06:03:46Z'))).toBe('<date>')
  })

  it('keeps every other value exactly, as prefix-free XML', () => {
    expect(shapeOfValue('{DAV:}getcontentlength', element('{DAV:}getcontentlength', '0012'))).toBe('0012')
    expect(shapeOfValue('{DAV:}resourcetype', element('{DAV:}resourcetype', element('{DAV:}collection')))).toBe('<{DAV:}collection></>')
  })
})

describe('observeTransfer', () => {
  it('lists the failed members of a partial failure by scenario path, whatever the status', () => {
    const result: TransferResult = {
      kind: 'partial',
      status: 424,
      attempts: 1,
      failures: [
        {
          href: { raw: '/s/coll/locked.txt', url: 'http://127.0.0.1:1/s/coll/locked.txt', path: '/s/coll/locked.txt' },
          status: { kind: 'status', code: 423, class: 'client-error', reason: 'Locked', line: 'HTTP/1.1 423 Locked' },
          error: undefined,
          description: undefined,
        },
      ],
      responses: [],
      description: undefined,
    }
    expect(observeTransfer(result, '/').outcome).toEqual({ status: 424, members: { '/coll/locked.txt': 423 } })
  })

  it('gives the status and the DAV:error conditions otherwise, the kind too in the detail', () => {
    const result: TransferResult = {
      kind: 'precondition-failed',
      status: 412,
      attempts: 1,
      error: {
        conditions: [
          { name: { namespace: 'DAV:', local: 'lock-token-submitted' }, element: element('{DAV:}lock-token-submitted'), hrefs: [] },
        ],
      },
    }
    expect(observeTransfer(result, '/')).toEqual({
      outcome: { status: 412, conditions: ['{DAV:}lock-token-submitted'] },
      detail: { kind: 'precondition-failed', status: 412, conditions: ['{DAV:}lock-token-submitted'] },
    })
    expect(observeTransfer({ kind: 'created', status: 201, attempts: 1 }, '/').outcome).toEqual({ status: 201 })
  })
})
