import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors/decode-error.ts'
import { decodeMultiStatus } from '../../src/multistatus/decode-multistatus.ts'
import { assertSound } from './assert-sound.ts'
import { createRandom, mutate, mutateBytes } from './mutate.ts'
import { fuzzSeeds } from './seeds.ts'

const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/multistatus/', import.meta.url))
const present = existsSync(corpusDir)
const corpusAbsent = `${corpusDir} is absent`

// Files small enough to mutate thousands of times within the time budget.
const corpusNames = present
  ? readdirSync(corpusDir)
      .filter((name) => name.endsWith('.xml') && statSync(corpusDir + name).size < 24_000)
      .sort()
  : []
const corpus: readonly (readonly [string, string])[] = corpusNames.map((name) => [name, readFileSync(corpusDir + name, 'utf8')] as const)
const bodies = [...fuzzSeeds, ...corpus.map(([, body]) => body)]
// SOURCES.md marks these as not well-formed.
const notWellFormed = new Set(['alfresco--propfind-malformed-double-prefix.xml', 'nextcloud--search-507-truncated-undeclared-prefix.xml'])

const MAX_MILLISECONDS_PER_BODY = 2_000
// Thousands of decodes take a few seconds alone, several times that on a busy machine.
const FUZZ_TIMEOUT_MS = 90_000

// Decodes `body`; only a DecodeError may escape, and a result must be sound.
function decodeOrDecodeError(body: string | Uint8Array): 'decoded' | 'refused' {
  const started = performance.now()
  try {
    assertSound(decodeMultiStatus(body, { requestUrl: 'https://dav.example.com/dav/', maxDepth: 128 }))
    return 'decoded'
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error
    expect(error.snippet === undefined || error.snippet.length <= 200).toBe(true)
    const failure = error.failure
    if (failure.code === 'malformed-xml') {
      expect(failure.line).toBeGreaterThanOrEqual(1)
      expect(failure.column).toBeGreaterThanOrEqual(1)
    }
    return 'refused'
  } finally {
    expect(performance.now() - started).toBeLessThan(MAX_MILLISECONDS_PER_BODY)
  }
}

describe('decodeMultiStatus under fuzzing', () => {
  it('lets only DecodeError escape from thousands of seeded corpus mutations', { timeout: FUZZ_TIMEOUT_MS }, () => {
    const random = createRandom(0x5eed_2026)
    const outcomes = { decoded: 0, refused: 0 }
    for (let round = 0; round < 10_000; round++) {
      const body = bodies[round % bodies.length] as string
      const mutated = round % 5 === 4 ? mutateBytes(body, random) : mutate(body, random)
      outcomes[decodeOrDecodeError(mutated)]++
    }
    // Both paths must be exercised, or the mutations are too weak or too strong to mean anything:
    // a few hundred of each at least. (Most mutations break well-formedness, which a strict XML
    // 1.0 parser refuses: on the project's own seeds alone, about 5% still decode.)
    expect(outcomes.decoded, 'mutated bodies decoded').toBeGreaterThan(300)
    expect(outcomes.refused, 'mutated bodies refused with a DecodeError').toBeGreaterThan(300)
  })

  it('decodes every unmutated seed soundly', () => {
    for (const [index, body] of fuzzSeeds.entries()) expect([index, decodeOrDecodeError(body)]).toEqual([index, 'decoded'])
  })

  it.skipIf(!present)(`decodes every unmutated corpus body soundly${present ? '' : ` (skipped: ${corpusAbsent})`}`, () => {
    for (const [name, body] of corpus) {
      expect([name, decodeOrDecodeError(body)]).toEqual([name, notWellFormed.has(name) ? 'refused' : 'decoded'])
    }
  })

  it('lets only DecodeError escape from documents built of random XML fragments', { timeout: FUZZ_TIMEOUT_MS }, () => {
    const fragment = fc.constantFrom(
      '<D:multistatus xmlns:D="DAV:">',
      '</D:multistatus>',
      '<D:response>',
      '</D:response>',
      '<D:href>',
      '</D:href>',
      '/dav/a b#c?%zz',
      '<D:propstat>',
      '</D:propstat>',
      '<D:prop>',
      '</D:prop>',
      '<D:status>HTTP/1.1 200 OK</D:status>',
      '<D:status>HTTP/1.1 1',
      '<D:getetag>&quot;1&quot;</D:getetag>',
      '<x:y xmlns:x="urn:x">',
      '</x:y>',
      '<z:w/>',
      '<D:error><D:lock-token-submitted><D:href>/l</D:href></D:lock-token-submitted></D:error>',
      '<D:location><D:href>/m</D:href></D:location>',
      '<D:responsedescription>d</D:responsedescription>',
      '<D:sync-token>t</D:sync-token>',
      '<!DOCTYPE x>',
      '<![CDATA[<]]>',
      '<!-- c -->',
      '&amp;#38;',
      '&bogus;',
      ' ',
      '\n',
      '<',
      '>',
    )
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (fragments) => {
        decodeOrDecodeError(fragments.join(''))
      }),
      { numRuns: 2000, seed: 2026 },
    )
  })
})
