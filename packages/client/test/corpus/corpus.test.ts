import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { MultiStatus, MultiStatusResponse, PropstatResponse, RawProperty, StatusResponse } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors/decode-error.ts'
import { decodeMultiStatus } from '../../src/multistatus/decode-multistatus.ts'
import { countDavResponses } from './count-dav-responses.ts'

// The shared corpus lives beside the repository: <repo>/../shared/corpus/multistatus/.
const corpusUrl = new URL('../../../../../shared/corpus/multistatus/', import.meta.url)
const corpusDir = fileURLToPath(corpusUrl)
const present = existsSync(corpusDir)

const files = present
  ? readdirSync(corpusDir)
      .filter((name) => name.endsWith('.xml'))
      .sort()
  : []
// SOURCES.md marks these two as not well-formed (a double prefix; undeclared prefixes).
const notWellFormed = new Set(['alfresco--propfind-malformed-double-prefix.xml', 'nextcloud--search-507-truncated-undeclared-prefix.xml'])
// The only body that really puts a property in no namespace: `<mode/>` echoed unqualified.
const unqualified = 'unidentified-milton-like--propfind-depth1-unqualified-prop.xml'
const requestUrl = 'https://dav.example.com/dav/'

function read(name: string): Buffer {
  return readFileSync(new URL(name, corpusUrl))
}

function decodeFile(name: string): MultiStatus {
  return decodeMultiStatus(read(name), { requestUrl })
}

function properties(multistatus: MultiStatus): RawProperty[] {
  return multistatus.responses.flatMap((response) => (response.kind === 'propstat' ? response.properties : []))
}

function propstat(response: MultiStatusResponse | undefined): PropstatResponse {
  if (response?.kind !== 'propstat') throw new Error(`expected a propstat response, got ${response?.kind}`)
  return response
}

function status(response: MultiStatusResponse | undefined): StatusResponse {
  if (response?.kind !== 'status') throw new Error(`expected a status response, got ${response?.kind}`)
  return response
}

function textOfProperty(response: PropstatResponse, namespace: string, local: string): string | undefined {
  const found = response.properties.find((p) => p.name.namespace === namespace && p.name.local === local)
  return found?.kind === 'value' ? found.text : undefined
}

describe.skipIf(!present)(present ? 'multistatus corpus' : `multistatus corpus (SKIPPED: ${corpusDir} is absent)`, () => {
  it('holds the files SOURCES.md describes', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
    for (const name of notWellFormed) expect(files).toContain(name)
  })

  describe.each(files.filter((name) => !notWellFormed.has(name)))('%s', (name) => {
    it('decodes one response per DAV:response child of the root', () => {
      const multistatus = decodeFile(name)
      expect(multistatus.responses.length).toBe(countDavResponses(read(name).toString('utf8')))
    })

    it('puts every property in a namespace, unless the body really does not', () => {
      const names = properties(decodeFile(name)).map((p) => p.name)
      const inNoNamespace = names.filter((n) => n.namespace === '')
      if (name === unqualified) {
        expect(inNoNamespace.length).toBeGreaterThan(0)
        expect(inNoNamespace.every((n) => n.local === 'mode')).toBe(true)
      } else {
        expect(inNoNamespace).toEqual([])
      }
    })

    it('decodes bytes and text alike', () => {
      expect(decodeMultiStatus(read(name).toString('utf8'), { requestUrl })).toEqual(decodeFile(name))
    })
  })

  it.each([...notWellFormed])('fails on the not well-formed %s with malformed-xml', (name) => {
    expect(() => decodeFile(name)).toThrow(DecodeError)
    try {
      decodeFile(name)
    } catch (error) {
      const failure = (error as DecodeError).failure
      expect(failure.code).toBe('malformed-xml')
      expect(failure.code === 'malformed-xml' && failure.line).toBeGreaterThanOrEqual(1)
    }
  })

  it('alfresco: points at the double prefix', () => {
    try {
      decodeFile('alfresco--propfind-malformed-double-prefix.xml')
      expect.unreachable()
    } catch (error) {
      expect((error as DecodeError).failure).toMatchObject({ code: 'malformed-xml', line: 1 })
      expect((error as DecodeError).snippet).toContain('D:D:exclusive')
    }
  })

  it('nextcloud SEARCH: points at the first undeclared prefix', () => {
    try {
      decodeFile('nextcloud--search-507-truncated-undeclared-prefix.xml')
      expect.unreachable()
    } catch (error) {
      expect((error as DecodeError).failure).toMatchObject({ code: 'malformed-xml', line: 19 })
    }
  })

  it('the milton-like body: <mode/> in no namespace, in a 404 propstat', () => {
    const modes = properties(decodeFile(unqualified)).filter((p) => p.name.namespace === '')
    expect(modes.length).toBe(8)
    for (const mode of modes) expect(mode).toMatchObject({ kind: 'failed', name: { namespace: '', local: 'mode' }, status: { code: 404 } })
  })

  it('zope: follows the n: prefix rebound per propstat', () => {
    const response = propstat(decodeFile('zope--propfind-depth1-prefix-rebinding.xml').responses[0])
    expect(response.propstats[0]?.properties.map((e) => e.name)).toEqual([
      { namespace: 'http://www.zope.org/propsets/default', local: 'title' },
    ])
    expect(textOfProperty(response, 'DAV:', 'getlastmodified')).toBe('Wed, 17 Aug 2011 14:49:04 GMT')
    expect(textOfProperty(response, 'DAV:', 'title')).toBeUndefined()
  })

  it('sync-collection: keeps the sync token and the 404 of a removed member', () => {
    const davical = decodeFile('davical--report-sync-collection-changes.xml')
    expect(davical.syncToken).toBe('data:,36')
    expect(status(davical.responses[1]).status).toMatchObject({ code: 404 })
    expect(decodeFile('icloud--report-sync-collection.xml').syncToken).toBe(
      'HwoQEgwAAAh4yw8ntwAAAAAYAhgAIhUIopml463FieB4EKq9+NSn04DrkQEoAA==',
    )
  })

  it('nginx: a 404 propstat with a whitespace-only prop holds zero properties', () => {
    const response = propstat(decodeFile('nginx--propfind-nonexistent-404-propstat.xml').responses[0])
    expect(response.propstats).toHaveLength(1)
    expect(response.propstats[0]?.status).toMatchObject({ code: 404 })
    expect(response.properties).toEqual([])
  })

  it('davical PROPPATCH: a failing propstat first, then 424, with error and description', () => {
    const response = propstat(decodeFile('davical--proppatch-409-424-error-responsedescription.xml').responses[0])
    expect(response.propstats.map((p) => p.status.kind === 'status' && p.status.code)).toEqual([409, 424])
    expect(response.properties.every((p) => p.kind === 'failed')).toBe(true)
  })

  it('IIS: keeps absolute hrefs', () => {
    const responses = decodeFile('iis6--propfind-depth1-noroot.xml').responses.map(propstat)
    expect(responses.map((r) => r.href.url)).toEqual([
      'http://localhost/dav/pagerror.gif',
      'http://localhost/dav/script.asp',
      'http://localhost/dav/textfile.txt',
    ])
  })

  it('webdav-server: status before prop, and the location element', () => {
    const response = propstat(decodeFile('npm-webdav-server--propfind-location-element.xml').responses[0])
    expect(response.propstats[0]?.status).toMatchObject({ code: 200 })
    expect(textOfProperty(response, 'DAV:', 'getetag')).toBe('"f48780e12fe315dd25882421c2e56c4f"')
    expect(response.location?.url).toBe('http://localhost:9988/webdav/server')
  })

  it('xandikos: status before prop, 200 and 403 in one PROPPATCH', () => {
    const response = propstat(decodeFile('xandikos--proppatch-200-403-nonatomic.xml').responses[0])
    expect(response.properties.map((p) => [p.kind, p.name.local])).toEqual([
      ['value', 'displayname'],
      ['failed', 'getetag'],
    ])
  })

  it('exchange MKCOL: a response with both status and propstat is kept as malformed', () => {
    const [response] = decodeFile('exchange2003--mkcol-search-folder-201.xml').responses
    expect(response).toMatchObject({ kind: 'malformed', problem: 'status-and-propstat' })
    expect(response?.kind === 'malformed' && response.hrefs[0]?.url).toBe('http://hostname/pub2/templates/search_folder')
  })

  it('lighttpd: a response with only an href is kept as malformed', () => {
    expect(decodeFile('lighttpd--propfind-response-href-only.xml').responses).toMatchObject([
      { kind: 'malformed', problem: 'no-status-or-propstat' },
    ])
  })

  it('ownCloud: 1001 responses with &quot; etags, decoded once', () => {
    const multistatus = decodeFile('owncloud--propfind-depth1-1000-files.xml')
    expect(multistatus.responses).toHaveLength(1001)
    const second = propstat(multistatus.responses[1])
    expect(second.href.path).toBe('/remote.php/dav/files/manyfiles/1000/file.0.txt')
    expect(textOfProperty(second, 'DAV:', 'getetag')).toBe('"bd4f8229859bef21ef84fee238cdf34a"')
    expect(textOfProperty(second, 'http://owncloud.org/ns', 'size')).toBe('100')
  })
})
