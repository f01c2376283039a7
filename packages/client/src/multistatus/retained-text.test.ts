import { describe, expect, it } from 'vitest'
import { collectGarbage } from '../../test/support/collect-garbage.ts'
import { decodeMultiStatus } from './decode-multistatus.ts'
import { MultiStatusReader } from './multistatus-reader.ts'

const PAD = 'p'.repeat(64_000)

// Each response carries 64,000 characters no result keeps, and values long enough (13 characters
// or more) that V8 would cut them out of the body as references to it rather than copies.
function listing(entries: number): string {
  const parts = ['<D:multistatus xmlns:D="DAV:" xmlns:X="urn:x">']
  for (let i = 0; i < entries; i++) {
    parts.push(
      `<D:response xmlns:L="urn:listing-${i % 7}" xml:lang="en-GB"><X:pad>${PAD}</X:pad><D:href>/dav/a-long-file-name-${i}.txt</D:href><D:propstat><D:prop>` +
        `<D:getetag X:note="an attribute value long enough">"etag-${i}-of-some-length"</D:getetag>` +
        `<D:getlastmodified>Mon, 12 Jan 1998 09:25:56 GMT</D:getlastmodified><L:a-property-name>a value long enough ${i}</L:a-property-name>` +
        `</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`,
      // A status response with its details, and a malformed one whose element is built from what was read.
      `<D:response><D:href>/dav/moved-away-${i}/</D:href><D:status>HTTP/1.1 301 Moved Permanently</D:status>` +
        `<D:location><D:href>/dav/somewhere-else-${i}/</D:href></D:location><D:responsedescription>moved for a long reason ${i}</D:responsedescription>` +
        `<D:error><D:cannot-modify-protected-property/></D:error></D:response>`,
      `<D:response><D:propstat><D:prop><D:displayname>a name without an href ${i}</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`,
    )
  }
  parts.push('</D:multistatus>')
  return parts.join('')
}

// The heap a decoded result keeps once the body is gone, against the body's length.
function retainedShare(decode: (body: string) => unknown): number {
  let body: string | undefined = listing(300)
  const length = body.length
  collectGarbage()
  const before = process.memoryUsage().heapUsed - length
  const result = decode(body)
  body = undefined
  collectGarbage()
  const retained = process.memoryUsage().heapUsed - before
  expect(result).toBeDefined()
  return retained / length
}

describe('a decoded multistatus holds none of the body', () => {
  it('keeps texts, hrefs and attribute values as copies, not as references into the body text', () => {
    expect(retainedShare((body) => decodeMultiStatus(body, { requestUrl: 'https://example.com/dav/' }).responses)).toBeLessThan(0.1)
  })

  it('nor into the pieces of a body read as it arrives', () => {
    const bytes = (body: string) => {
      const encoded = new TextEncoder().encode(body)
      const responses: unknown[] = []
      const reader = new MultiStatusReader({ requestUrl: 'https://example.com/dav/' }, (response) => responses.push(response))
      for (let start = 0; start < encoded.length; start += 65_536) reader.write(encoded.subarray(start, start + 65_536))
      reader.end()
      return responses
    }
    expect(retainedShare(bytes)).toBeLessThan(0.1)
  })
})
