import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { MultiStatus, PropertyCodec, XmlElement } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors/decode-error.ts'
import { decodeMultiStatus } from '../../src/multistatus/decode-multistatus.ts'
import { davProps, decodeProperties, isCollection } from '../../src/properties/index.ts'
import { parseXmlDocument } from '../../src/xml/parse-xml-document.ts'
import { textOf } from '../../src/xml/element-text.ts'

// Every built-in DAV: property of every well-formed body of the shared corpus, decoded from the
// parsed tree (the bodies are read at test time, never copied into the project).
const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/multistatus/', import.meta.url))
const corpusPresent = existsSync(corpusDir)

const codecsByLocal = new Map<string, PropertyCodec<unknown>>(
  Object.values(davProps).map((codec): [string, PropertyCodec<unknown>] => [codec.name.local, codec]),
)

interface Decoded {
  readonly file: string
  readonly local: string
  readonly ok: boolean
  readonly detail: string
  /** Whether the same `prop` says the resource is a collection. */
  readonly inCollection: boolean
}

function isDav(element: XmlElement, local: string): boolean {
  return element.name.namespace === 'DAV:' && element.name.local === local
}

function elementsNamed(root: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (element: XmlElement): void => {
    if (isDav(element, local)) found.push(element)
    for (const child of element.children) if (child.kind === 'element') walk(child)
  }
  walk(root)
  return found
}

/** The DAV: properties of every propstat whose status is 2xx, decoded with the built-in codecs. */
function decodeCorpus(): { decoded: Decoded[]; unparsed: string[] } {
  const decoded: Decoded[] = []
  const unparsed: string[] = []
  for (const file of readdirSync(corpusDir)
    .filter((name) => name.endsWith('.xml'))
    .sort()) {
    let root: XmlElement
    try {
      root = parseXmlDocument(readFileSync(`${corpusDir}${file}`))
    } catch {
      unparsed.push(file)
      continue
    }
    for (const propstat of elementsNamed(root, 'propstat')) {
      const children = propstat.children.filter((child) => child.kind === 'element')
      const status = children.find((child) => isDav(child, 'status'))
      if (status === undefined || !/^\s*HTTP\/\d\.\d\s+2\d\d/.test(textOf(status))) continue
      for (const prop of children.filter((child) => isDav(child, 'prop'))) {
        const inCollection = elementsNamed(prop, 'collection').length > 0
        for (const property of prop.children) {
          if (property.kind !== 'element' || property.name.namespace !== 'DAV:') continue
          const codec = codecsByLocal.get(property.name.local)
          if (codec === undefined) continue
          const result = codec.decode(property)
          decoded.push({
            file,
            local: property.name.local,
            ok: result.ok,
            detail: result.ok ? '' : result.problem,
            inCollection,
          })
        }
      }
    }
  }
  return { decoded, unparsed }
}

describe.skipIf(!corpusPresent)(
  `built-in codecs on the real-server corpus${corpusPresent ? '' : ` (skipped: ${corpusDir} is absent)`}`,
  () => {
    const { decoded, unparsed } = corpusPresent ? decodeCorpus() : { decoded: [], unparsed: [] }

    it('parses the bodies and finds thousands of DAV: properties in them', () => {
      expect(decoded.length).toBeGreaterThan(5000)
      const locals = new Set(decoded.map((entry) => entry.local))
      for (const local of [
        'resourcetype',
        'getetag',
        'getlastmodified',
        'creationdate',
        'getcontentlength',
        'lockdiscovery',
        'supportedlock',
        'current-user-principal',
        'quota-available-bytes',
      ]) {
        expect(locals, local).toContain(local)
      }
      // Only the bodies the corpus itself flags as not well-formed are refused by the parser.
      expect(
        unparsed.every((file) => /malformed|undeclared-prefix/.test(file)),
        unparsed.join(', '),
      ).toBe(true)
    })

    it('refuses only the empty getcontentlength dCache, Zope and a Milton-like server send for collections', () => {
      const refused = decoded.filter((entry) => !entry.ok)
      const summary = new Map<string, number>()
      for (const entry of refused) {
        const key = `${entry.file} ${entry.local}${entry.inCollection ? ' (collection)' : ''}: ${entry.detail}`
        summary.set(key, (summary.get(key) ?? 0) + 1)
      }
      expect(Object.fromEntries(summary)).toEqual({
        'dcache--propfind-depth0-status-no-reason.xml getcontentlength (collection): empty value, expected an integer': 1,
        'dcache--propfind-depth1-leading-whitespace.xml getcontentlength (collection): empty value, expected an integer': 13,
        'unidentified-milton-like--propfind-depth1-unqualified-prop.xml getcontentlength (collection): empty value, expected an integer': 2,
        'zope--propfind-depth1-prefix-rebinding.xml getcontentlength (collection): empty value, expected an integer': 2,
      })
    })

    it('decodes everything else: every etag, date, resourcetype, lock and quota', () => {
      const accepted = decoded.filter((entry) => entry.ok)
      expect(accepted.length).toBe(decoded.length - 18)
      const count = (local: string): number => accepted.filter((entry) => entry.local === local).length
      expect(count('getetag')).toBeGreaterThan(1000)
      expect(count('getlastmodified')).toBeGreaterThan(1000)
      expect(count('resourcetype')).toBeGreaterThan(1000)
      expect(count('supportedlock')).toBeGreaterThan(10)
    })
  },
)

describe.skipIf(!corpusPresent)(
  `davProps through the multistatus decoder${corpusPresent ? '' : ` (skipped: ${corpusDir} is absent)`}`,
  () => {
    it('gives every resource of the corpus a typed outcome for every built-in property', () => {
      const kinds = new Map<string, number>()
      let resources = 0
      for (const file of readdirSync(corpusDir)
        .filter((name) => name.endsWith('.xml'))
        .sort()) {
        let multistatus: MultiStatus
        try {
          multistatus = decodeMultiStatus(readFileSync(`${corpusDir}${file}`), { requestUrl: 'https://dav.example/' })
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError)
          continue
        }
        for (const response of multistatus.responses) {
          if (response.kind !== 'propstat') continue
          resources++
          const results = decodeProperties(davProps, response.properties)
          for (const [key, result] of Object.entries(results)) {
            const label = `${key}:${result.kind}`
            kinds.set(label, (kinds.get(label) ?? 0) + 1)
            if (result.kind === 'invalid') expect(`${key} ${result.problem}`).toBe('getcontentlength empty value, expected an integer')
          }
          // A resource is a collection exactly when its resourcetype says so.
          const collection = response.properties.some(
            (property) =>
              property.kind === 'value' &&
              property.name.local === 'resourcetype' &&
              property.name.namespace === 'DAV:' &&
              property.element.children.some(
                (child) => child.kind === 'element' && child.name.local === 'collection' && child.name.namespace === 'DAV:',
              ),
          )
          expect(isCollection(results.resourcetype)).toBe(collection)
        }
      }
      expect(resources).toBeGreaterThan(1000)
      expect(kinds.get('getcontentlength:invalid')).toBe(18)
      expect(kinds.get('getetag:value')).toBeGreaterThan(1000)
      expect(kinds.get('getetag:failed')).toBeGreaterThan(0)
      expect(kinds.get('quotaAvailableBytes:value')).toBe(2)
      expect(kinds.get('currentUserPrincipal:value')).toBe(1)
      const total = [...kinds.values()].reduce((sum, n) => sum + n, 0)
      expect(total).toBe(resources * Object.keys(davProps).length)
    })
  },
)
