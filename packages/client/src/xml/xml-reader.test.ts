import type { DecodeFailure } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../errors/decode-error.ts'
import { decodeMultiStatus } from '../multistatus/decode-multistatus.ts'
import { parseXmlDocument, type ParseXmlOptions } from './parse-xml-document.ts'

function failureOf(body: string, options?: ParseXmlOptions): { failure: DecodeFailure; error: DecodeError } {
  try {
    parseXmlDocument(body, options)
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError)
    return { failure: (error as DecodeError).failure, error: error as DecodeError }
  }
  throw new Error('expected a DecodeError')
}

describe('limits, each a typed failure naming where', () => {
  it('refuses more attributes on one element than maxAttributes', () => {
    const attributes = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ')
    expect(parseXmlDocument(`<r ${attributes(4)}/>`, { maxAttributes: 4 }).attributes).toHaveLength(4)
    expect(failureOf(`<r>\n  <e ${attributes(5)}/></r>`, { maxAttributes: 4 }).failure).toEqual({ code: 'too-many-attributes', limit: 4, line: 2, column: 3 })
  })

  it('refuses more namespace declarations on one element than maxNamespaceDeclarations', () => {
    const declarations = (n: number): string => Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')
    expect(parseXmlDocument(`<r ${declarations(3)}/>`, { maxNamespaceDeclarations: 3 }).name.local).toBe('r')
    expect(failureOf(`<r ${declarations(4)}/>`, { maxNamespaceDeclarations: 3 }).failure).toEqual({ code: 'too-many-namespaces', limit: 3, line: 1, column: 1 })
  })

  it('refuses element and attribute names longer than maxNameLength, quoting at most 200 characters', () => {
    const long = 'n'.repeat(1_000_000)
    const element = failureOf(`<r><${long}/></r>`, { maxNameLength: 1024 })
    expect(element.failure).toEqual({ code: 'name-too-long', limit: 1024, line: 1, column: 4 })
    expect(element.error.message.length).toBeLessThan(300)
    expect((element.error.snippet ?? '').length).toBeLessThanOrEqual(200)
    const attribute = failureOf(`<r ${long}="1"/>`)
    expect(attribute.failure).toMatchObject({ code: 'name-too-long', limit: 1024 })
    expect(attribute.error.message.length).toBeLessThan(300)
  })

  it('quotes at most 200 characters of the body in every failure, however long the offending part', () => {
    const huge = 'x'.repeat(100_000)
    for (const body of [`<r>${huge}</x>`, `<r a="${huge}" a="1"/>`, `${huge}<r/>`, `<r xmlns:p="${huge}"><q:${huge}/></r>`]) {
      const { error } = failureOf(body)
      expect((error.snippet ?? '').length).toBeLessThanOrEqual(200)
      expect(error.message.length).toBeLessThan(400)
    }
  })

  it('refuses an attribute given twice, by its raw name or through two prefixes bound to one namespace', () => {
    expect(failureOf('<r a="1" a="2"/>').failure).toMatchObject({ code: 'malformed-xml', line: 1 })
    expect(failureOf('<r xmlns:p="urn:x" xmlns:q="urn:x" p:a="1" q:a="2"/>').failure).toMatchObject({ code: 'malformed-xml', line: 1, column: 1 })
    const many = Array.from({ length: 20 }, (_, i) => `p:a${i}="1"`).join(' ')
    expect(failureOf(`<r xmlns:p="urn:x" xmlns:q="urn:x" ${many} q:a7="2"/>`).failure).toMatchObject({ code: 'malformed-xml', reason: 'duplicate attribute {urn:x}a7' })
  })
})

/**
 * Asserts that decoding `make(n)` takes time linear in n: from n to 4n, the time may grow by at
 * most 2.5x per doubling (a quadratic step grows by 4x per doubling). Whether the body decodes or
 * is refused does not matter, only that it is done in linear time. Times are the CPU time of this
 * process, which other work on the machine barely changes; what noise is left only makes a ratio
 * larger, and at random: the measurement is repeated up to four times, and one clean measurement
 * passes; a quadratic step fails all four.
 */
function expectLinear(make: (n: number) => string, n: number, decode: (body: string) => unknown): void {
  const run = (body: string) => () => {
    try {
      decode(body)
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error
    }
  }
  const small = run(make(n))
  const large = run(make(4 * n))
  // CPU time of this process for three runs, in milliseconds: other processes on a busy machine
  // do not count, and a garbage collection that falls in one run is shared by three.
  const time = (work: () => void): number => {
    const started = process.cpuUsage()
    work()
    work()
    work()
    const used = process.cpuUsage(started)
    return (used.user + used.system) / 1000
  }
  let perDoubling = Number.POSITIVE_INFINITY
  for (let attempt = 0; attempt < 4 && perDoubling >= 2.5; attempt++) {
    small()
    large() // warm up
    // Small and large in turn, so that a busy spell weighs on both; the fastest of each counts.
    let fastestSmall = Number.POSITIVE_INFINITY
    let fastestLarge = Number.POSITIVE_INFINITY
    for (let round = 0; round < 3; round++) {
      fastestSmall = Math.min(fastestSmall, time(small))
      fastestLarge = Math.min(fastestLarge, time(large))
    }
    // A floor of 2 ms keeps timer noise on tiny timings from reading as growth.
    perDoubling = Math.min(perDoubling, Math.sqrt(Math.max(fastestLarge, 2) / Math.max(fastestSmall, 2)))
  }
  expect(perDoubling).toBeLessThan(2.5)
}

const unlimited = { maxBytes: 1e9, maxDepth: 1e6, maxAttributes: 1e6, maxNamespaceDeclarations: 1e6, maxNameLength: 1e8 }
const parse = (body: string): unknown => parseXmlDocument(body, unlimited)
const multistatus = (body: string): unknown => decodeMultiStatus(body, unlimited)

describe('every step is linear in the input (time per doubling below 2.5x)', () => {
  it('(the check itself fails a quadratic step)', () => {
    const quadratic = (body: string): number => {
      let sum = 0
      for (let i = 0; i < body.length; i++) for (let j = 0; j < body.length; j++) sum += body.charCodeAt(j) ^ i
      return sum
    }
    expect(() => expectLinear((n) => 'x'.repeat(n), 1_000, quadratic)).toThrow()
  })
  it('empty comments before the root', () => expectLinear((n) => `${'<!---->'.repeat(n)}<r/>`, 20_000, parse))
  it('namespace declarations on one element', () => expectLinear((n) => `<r ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')}/>`, 5_000, parse))
  it('namespace declarations on nested elements, each resolving a name', () =>
    expectLinear((n) => `${Array.from({ length: n }, (_, i) => `<p${i}:e xmlns:p${i}="urn:${i}">`).join('')}${Array.from({ length: n }, (_, i) => `</p${n - 1 - i}:e>`).join('')}`, 2_000, parse))
  it('attributes on one element', () => expectLinear((n) => `<r ${Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ')}/>`, 5_000, parse))
  it('prefixed attributes on one element', () => expectLinear((n) => `<r xmlns:p="urn:p" ${Array.from({ length: n }, (_, i) => `p:a${i}="${i}"`).join(' ')}/>`, 5_000, parse))
  it('an & run without ;', () => expectLinear((n) => `<r>${'&'.repeat(n)}</r>`, 100_000, parse))
  it('references', () => expectLinear((n) => `<r>${'&amp;&#x41;'.repeat(n)}</r>`, 20_000, parse))
  it('one long text node', () => expectLinear((n) => `<r>${'x'.repeat(n)}</r>`, 500_000, parse))
  it('one long name', () => expectLinear((n) => `<${'n'.repeat(n)}/>`, 200_000, parse))
  it('deep nesting', () => expectLinear((n) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`, 5_000, parse))
  it('responses of a multistatus', () =>
    expectLinear(
      (n) =>
        `<D:multistatus xmlns:D="DAV:">${'<D:response><D:href>/a</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>'.repeat(n)}</D:multistatus>`,
      2_500,
      multistatus,
    ))
  it('properties of one response', () =>
    expectLinear(
      (n) =>
        `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop>${Array.from({ length: n }, (_, i) => `<D:p${i}>v</D:p${i}>`).join('')}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`,
      20_000,
      multistatus,
    ))
  it('hrefs of one response', () =>
    expectLinear((n) => `<D:multistatus xmlns:D="DAV:"><D:response>${'<D:href>/a</D:href>'.repeat(n)}<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`, 10_000, multistatus))
})
