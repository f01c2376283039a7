// A body decoded as it streams in must give what it gives whole: the same responses, or the same
// failure at the same place, however its bytes are cut into chunks (multi-byte characters split).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { DecodeFailure, MultiStatus, MultiStatusResponse } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors/decode-error.ts'
import { decodeMultiStatus } from '../../src/multistatus/decode-multistatus.ts'
import { MultiStatusReader } from '../../src/multistatus/multistatus-reader.ts'
import { createRandom, mutateBytes } from './mutate.ts'

const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/multistatus/', import.meta.url))
const present = existsSync(corpusDir)

const REQUEST_URL = 'https://dav.example.com/dav/'

// Seeds of the project's own: every structure the decoder knows, non-ASCII text, CDATA, references.
const SEEDS: readonly string[] = [
  `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:oc="http://owncloud.org/ns">\n` +
    `<D:response><D:href>/dav/r%C3%A9sum%C3%A9/</D:href>\n<D:propstat><D:prop><D:displayname xml:lang="fr">Résumé 日本 😀</D:displayname>` +
    `<D:getetag>&quot;1&quot;</D:getetag><oc:note><![CDATA[a <b> & c]]> &#x1F600;</oc:note></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\n` +
    `<D:propstat><D:prop><D:getcontentlength/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>\n` +
    `<D:response><D:href>/dav/x</D:href><D:href>/dav/y</D:href><D:status>HTTP/1.1 423 Locked</D:status>` +
    `<D:error><D:lock-token-submitted><D:href>/dav/</D:href></D:lock-token-submitted></D:error></D:response>\n` +
    `<D:responsedescription>done</D:responsedescription><D:sync-token>http://example.com/sync/1</D:sync-token>\n</D:multistatus>\n`,
  `<multistatus xmlns="DAV:"><response><href>http://other/x</href><propstat><status>HTTP/1.1 200 OK</status>` +
    `<prop><displayname>x</displayname></prop></propstat><location><href>/y</href></location></response></multistatus>`,
  `<d:error xmlns:d="DAV:"><d:lock-token-submitted><d:href>/a</d:href></d:lock-token-submitted></d:error>`,
  `<D:multistatus xmlns:D="DAV:">\n<D:response>\n<D:href>/a</D:response>\n</D:multistatus>`,
]

const bodies: readonly (readonly [string, Uint8Array])[] = [
  ...SEEDS.map((seed, index) => [`seed ${index}`, new TextEncoder().encode(seed)] as const),
  ...(present
    ? readdirSync(corpusDir)
        .filter((name) => name.endsWith('.xml'))
        .sort()
    : []
  ).map((name) => [name, new Uint8Array(readFileSync(corpusDir + name))] as const),
]

type Outcome = { readonly ok: MultiStatus } | { readonly failed: DecodeFailure }

function whole(body: Uint8Array): Outcome {
  try {
    return { ok: decodeMultiStatus(body, { requestUrl: REQUEST_URL }) }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error
    return { failed: error.failure }
  }
}

// Feeds `body` in chunks of random sizes (1 to `largest` bytes).
function chunked(body: Uint8Array, random: () => number, largest: number): Outcome {
  const responses: MultiStatusResponse[] = []
  const reader = new MultiStatusReader({ requestUrl: REQUEST_URL }, (response) => responses.push(response))
  try {
    for (let offset = 0; offset < body.byteLength; ) {
      const size = 1 + Math.floor(random() * largest)
      reader.write(body.subarray(offset, offset + size))
      offset += size
    }
    const { description, syncToken } = reader.end()
    return { ok: { responses, description, syncToken } }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error
    return { failed: error.failure }
  }
}

describe('a body fed in random chunks decodes as it does whole', () => {
  it.each(bodies)('%s', (_, body) => {
    const expected = whole(body)
    const random = createRandom(body.byteLength)
    // Byte by byte only for small bodies: large ones take long that way and teach nothing more.
    for (const largest of body.byteLength > 32_000 ? [3, 17, 256, 4096] : [1, 3, 17, 256, 4096]) {
      for (let round = 0; round < (largest === 1 ? 1 : 4); round++) expect(chunked(body, random, largest)).toEqual(expected)
    }
  })

  it('and so does each of 2,000 mutations of the seeds: the same result or the same failure', () => {
    const random = createRandom(20261204)
    let failures = 0
    for (let i = 0; i < 2_000; i++) {
      const seed = SEEDS[i % SEEDS.length] as string
      const body = mutateBytes(seed, random)
      const expected = whole(body)
      if ('failed' in expected) failures++
      expect(chunked(body, random, 1 + Math.floor(random() * 64))).toEqual(expected)
    }
    // The mutations reach both sides: bodies that decode and bodies that are refused.
    expect(failures).toBeGreaterThan(100)
    expect(failures).toBeLessThan(2_000)
  })
})

describe('a body cut short at every offset', () => {
  it('is refused (never decoded as if complete), or ends after the root, when fed whole or chunked', () => {
    const body = new TextEncoder().encode(SEEDS[0])
    const end = new TextEncoder().encode(SEEDS[0]?.trimEnd()).byteLength
    for (let cut = 0; cut < body.byteLength; cut++) {
      const truncated = body.subarray(0, cut)
      const expected = whole(truncated)
      if (cut < end) expect(expected).toHaveProperty('failed')
      else expect(expected).toEqual(whole(body))
      expect(chunked(truncated, createRandom(cut), 7)).toEqual(expected)
    }
  })
})
