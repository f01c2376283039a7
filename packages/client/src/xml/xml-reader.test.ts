import type { DecodeFailure } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { collectGarbage } from '../../test/support/collect-garbage.ts'
import { DecodeError } from '../errors/decode-error.ts'
import { MultiStatusReader } from '../multistatus/multistatus-reader.ts'
import { parseXmlDocument, type ParseXmlOptions } from './parse-xml-document.ts'
import { XmlReader } from './xml-reader.ts'

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
    expect(failureOf(`<r>\n  <e ${attributes(5)}/></r>`, { maxAttributes: 4 }).failure).toEqual({
      code: 'too-many-attributes',
      limit: 4,
      line: 2,
      column: 3,
    })
  })

  it('refuses more namespace declarations on one element than maxNamespaceDeclarations', () => {
    const declarations = (n: number): string => Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')
    expect(parseXmlDocument(`<r ${declarations(3)}/>`, { maxNamespaceDeclarations: 3 }).name.local).toBe('r')
    expect(failureOf(`<r ${declarations(4)}/>`, { maxNamespaceDeclarations: 3 }).failure).toEqual({
      code: 'too-many-namespaces',
      limit: 3,
      line: 1,
      column: 1,
    })
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
    expect(failureOf('<r xmlns:p="urn:x" xmlns:q="urn:x" p:a="1" q:a="2"/>').failure).toMatchObject({
      code: 'malformed-xml',
      line: 1,
      column: 1,
    })
    const many = Array.from({ length: 20 }, (_, i) => `p:a${i}="1"`).join(' ')
    expect(failureOf(`<r xmlns:p="urn:x" xmlns:q="urn:x" ${many} q:a7="2"/>`).failure).toMatchObject({
      code: 'malformed-xml',
      reason: 'duplicate attribute {urn:x}a7',
    })
  })
})

/**
 * Asserts that decoding `make(n)` takes time linear in n (sizes are chosen past the point where
 * what one response holds outgrows V8's young generation, a one-off step in cost, not a slope): from n to 4n, the time may grow by at
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
    // Garbage left by the previous timing is collected first, not charged to this one.
    collectGarbage()
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
// The reader alone, its events counted and let go: what is measured is reading, not holding a
// tree whose collection would make the timings noisy.
const parse = (body: string): unknown => {
  let events = 0
  const reader = new XmlReader({ open: () => events++, text: () => events++, close: () => events++ }, unlimited)
  reader.write(body)
  reader.end()
  return events
}
// The multistatus decoder as a streamed listing runs it: each response decoded, then let go.
const multistatus = (body: string): unknown => {
  let responses = 0
  const reader = new MultiStatusReader(unlimited, () => responses++)
  reader.writeText(body)
  reader.end()
  return responses
}

describe('every step is linear in the input (time per doubling below 2.5x)', () => {
  it('(the check itself fails a quadratic step)', () => {
    const quadratic = (body: string): number => {
      let sum = 0
      for (let i = 0; i < body.length; i++) for (let j = 0; j < body.length; j++) sum += body.charCodeAt(j) ^ i
      return sum
    }
    expect(() => expectLinear((n) => 'x'.repeat(n), 2_000, quadratic)).toThrow()
  })
  it('empty comments before the root', () => expectLinear((n) => `${'<!---->'.repeat(n)}<r/>`, 20_000, parse))
  // maxNamespaceDeclarations (128 by default) bounds one element: what grows is how many elements declare.
  it('namespace declarations, a hundred per element', () =>
    expectLinear(
      (n) =>
        `<r>${Array.from({ length: n / 100 }, (_, e) => `<e ${Array.from({ length: 100 }, (_, i) => `xmlns:p${i}="urn:${e}:${i}"`).join(' ')}><p7:x/></e>`).join('')}</r>`,
      10_000,
      parse,
    ))
  // Subtrees 250 deep (the depth limit bounds nesting), each element declaring a prefix of its own.
  it('namespace declarations on nested elements, each resolving a name', () => {
    const subtree = (from: number): string =>
      `${Array.from({ length: 250 }, (_, i) => `<p${from + i}:e xmlns:p${from + i}="urn:${from + i}">`).join('')}${Array.from({ length: 250 }, (_, i) => `</p${from + 249 - i}:e>`).join('')}`
    expectLinear((n) => `<r>${Array.from({ length: n / 250 }, (_, i) => subtree(i * 250)).join('')}</r>`, 5_000, parse)
  })
  it('attributes on one element', () =>
    expectLinear((n) => `<r ${Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ')}/>`, 5_000, parse))
  it('prefixed attributes on one element', () =>
    expectLinear((n) => `<r xmlns:p="urn:p" ${Array.from({ length: n }, (_, i) => `p:a${i}="${i}"`).join(' ')}/>`, 5_000, parse))
  it('an & run without ;', () => expectLinear((n) => `<r>${'&'.repeat(n)}</r>`, 100_000, parse))
  it('references', () => expectLinear((n) => `<r>${'&amp;&#x41;'.repeat(n)}</r>`, 20_000, parse))
  it('one long text node', () => expectLinear((n) => `<r>${'x'.repeat(n)}</r>`, 500_000, parse))
  it('one long name', () => expectLinear((n) => `<${'n'.repeat(n)}/>`, 200_000, parse))
  // Depth is bounded by maxDepth (256 by default): what grows is how often a deep subtree comes.
  // (saxes itself slows down faster than linearly with depths in the thousands, which the limit keeps out.)
  it('deep nesting, to the default depth limit, again and again', () =>
    expectLinear((n) => `<r>${`${'<a>'.repeat(250)}${'</a>'.repeat(250)}`.repeat(n / 250)}</r>`, 10_000, parse))
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
    expectLinear(
      (n) =>
        `<D:multistatus xmlns:D="DAV:"><D:response>${'<D:href>/a</D:href>'.repeat(n)}<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`,
      40_000,
      multistatus,
    ))
})
