import { describe, expect, test } from 'vitest'
import { decodeMultiStatus } from '../multistatus/decode-multistatus.ts'
import { integerHeader, multistatusOutcome } from './content-outcomes.ts'

const requestUrl = 'https://dav.example/L/new.txt'

function ms(...responses: readonly [href: string, status: number][]) {
  const body = responses
    .map(([href, status]) => `<D:response><D:href>${href}</D:href><D:status>HTTP/1.1 ${status} X</D:status></D:response>`)
    .join('')
  return decodeMultiStatus(`<D:multistatus xmlns:D="DAV:">${body}<D:responsedescription>why</D:responsedescription></D:multistatus>`, {
    requestUrl,
  })
}

const target = [new URL(requestUrl)]

describe('multistatusOutcome', () => {
  test("Apache's locked parent (the member 424, the collection 423) is locked, naming the collection", () => {
    const outcome = multistatusOutcome(ms(['/L/new.txt', 424], ['/L', 423]), 207, 1, target)
    expect(outcome).toMatchObject({ kind: 'locked', status: 207, lockedHrefs: ['/L'], description: 'why' })
    expect(outcome?.failures.map((f) => f.href.path)).toEqual(['/L/new.txt', '/L'])
  })

  test('a 423 on a member below the target is partial: the other members were handled', () => {
    const outcome = multistatusOutcome(ms(['/L/new.txt/deep', 423]), 207, 1, target)
    expect(outcome?.kind).toBe('partial')
  })

  test("a lock elsewhere is not the target's lock", () => {
    expect(multistatusOutcome(ms(['/other', 423]), 424, 1, target)?.kind).toBe('partial')
    // A COPY destination is a target too.
    expect(multistatusOutcome(ms(['/dst', 423]), 424, 1, [...target, new URL('https://dav.example/dst/x.txt')])?.kind).toBe('locked')
  })

  test('only 424s are failed-dependency; a parent 412 is partial; all successes under 2xx are nothing', () => {
    expect(multistatusOutcome(ms(['/L/new.txt', 424]), 424, 1, target)?.kind).toBe('failed-dependency')
    expect(multistatusOutcome(ms(['/L', 412]), 424, 1, target)).toMatchObject({ kind: 'partial', status: 424 })
    expect(multistatusOutcome(ms(['/L/new.txt', 200]), 207, 1, target)).toBeUndefined()
    // A failure status with nothing failed listed still is not success.
    expect(multistatusOutcome(ms(), 423, 1, target)?.kind).toBe('locked')
  })
})

describe('integerHeader', () => {
  const header = (value: string) => integerHeader({ headers: new Headers({ 'upload-offset': value }) }, 'upload-offset')

  test('reads a whole number up to Number.MAX_SAFE_INTEGER, and nothing beyond, where it would be rounded', () => {
    expect(header(' 1048576 ')).toBe(1_048_576)
    expect(header(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER)
    expect(header('9007199254740992')).toBeUndefined()
    expect(header('1'.repeat(400))).toBeUndefined()
    expect(header('-1')).toBeUndefined()
    expect(header('1e3')).toBeUndefined()
    expect(integerHeader({ headers: new Headers() }, 'upload-offset')).toBeUndefined()
  })
})
