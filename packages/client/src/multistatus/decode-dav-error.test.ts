import { describe, expect, it } from 'vitest'
import { parseXmlDocument } from '../xml/parse-xml-document.ts'
import { decodeDavError } from './decode-dav-error.ts'

describe('decodeDavError', () => {
  it('lists every condition by QName, in order, with the hrefs inside', () => {
    const element = parseXmlDocument(`<D:error xmlns:D="DAV:" xmlns:s="http://sabredav.org/ns">
      <D:lock-token-submitted><D:href>/locked/</D:href><D:href>\n  /other/\n</D:href></D:lock-token-submitted>
      <D:no-conflicting-lock><D:href>/x</D:href></D:no-conflicting-lock>
      <s:exception>Sabre\\DAV\\Exception\\Locked</s:exception>
      <D:propfind-finite-depth/>
    </D:error>`)
    const error = decodeDavError(element)
    expect(error.conditions.map((c) => c.name)).toEqual([
      { namespace: 'DAV:', local: 'lock-token-submitted' },
      { namespace: 'DAV:', local: 'no-conflicting-lock' },
      { namespace: 'http://sabredav.org/ns', local: 'exception' },
      { namespace: 'DAV:', local: 'propfind-finite-depth' },
    ])
    expect(error.conditions.map((c) => c.hrefs)).toEqual([['/locked/', '/other/'], ['/x'], [], []])
    expect(error.conditions[2]?.element.children).toEqual([{ kind: 'text', text: 'Sabre\\DAV\\Exception\\Locked' }])
  })

  it('only takes DAV:href elements as hrefs', () => {
    const element = parseXmlDocument(
      '<D:error xmlns:D="DAV:" xmlns:x="urn:x"><D:lock-token-submitted><x:href>/no</x:href><x:wrap><D:href>/yes</D:href></x:wrap></D:lock-token-submitted></D:error>',
    )
    expect(decodeDavError(element).conditions[0]?.hrefs).toEqual(['/yes'])
  })

  it('has no conditions for an empty error', () => {
    expect(decodeDavError(parseXmlDocument('<D:error xmlns:D="DAV:">\n</D:error>'))).toEqual({ conditions: [] })
  })
})
