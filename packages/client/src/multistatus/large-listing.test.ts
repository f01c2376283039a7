import { describe, expect, it } from 'vitest'
import { DecodeError } from '../errors/decode-error.ts'
import { decodeMultiStatus } from './decode-multistatus.ts'

// An ownCloud-shaped listing: every etag is `&quot;`-escaped, so 100,000 entries carry 200,000
// entity references, far past fast-xml-parser's default expansion limits.
function listing(entries: number): string {
  const parts = ['<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">']
  for (let i = 0; i < entries; i++) {
    parts.push(
      `<d:response><d:href>/remote.php/dav/files/u/f%20${i}.txt</d:href><d:propstat><d:prop><d:getetag>&quot;${i.toString(16)}&quot;</d:getetag><oc:size>${i}</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><d:quota-used-bytes/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>`,
    )
  }
  parts.push('</d:multistatus>')
  return parts.join('')
}

describe('decodeMultiStatus on a 100,000-entry listing', () => {
  it('decodes every entry and every escaped etag', { timeout: 60_000 }, () => {
    const multistatus = decodeMultiStatus(listing(100_000), { requestUrl: 'https://cloud.example.com/remote.php/dav/files/u/' })
    expect(multistatus.responses).toHaveLength(100_000)
    for (const index of [0, 4_242, 99_999]) {
      const response = multistatus.responses[index]
      if (response?.kind !== 'propstat') throw new Error(`entry ${index} is ${response?.kind}`)
      expect(response.href.path).toBe(`/remote.php/dav/files/u/f ${index}.txt`)
      expect(response.properties.map((p) => [p.kind, p.name.local, p.kind === 'value' ? p.text : undefined])).toEqual([
        ['value', 'getetag', `"${index.toString(16)}"`],
        ['value', 'size', String(index)],
        ['failed', 'quota-used-bytes', undefined],
      ])
    }
  })
})

describe('decodeMultiStatus on a truncated listing', () => {
  const body = listing(3)
  const secondResponse = body.indexOf('<d:response>', 1 + body.indexOf('<d:response>'))
  const rootEnd = body.lastIndexOf('</d:multistatus>')

  it('refuses the body cut anywhere after the first response, never decoding a shorter listing', () => {
    expect(decodeMultiStatus(body).responses).toHaveLength(3)
    for (let cut = secondResponse; cut < body.length; cut++) {
      expect(() => decodeMultiStatus(body.slice(0, cut)), `cut at ${cut}`).toThrow(DecodeError)
    }
  })

  it('refuses the body cut inside a response and closed with the root end tag', () => {
    for (let cut = secondResponse + 1; cut < rootEnd; cut++) {
      const patched = `${body.slice(0, cut)}</d:multistatus>`
      // Right after a response the patched body is a well-formed shorter listing, which nothing can
      // tell from a real one; anywhere else it must be refused, never decoded as entries and a half.
      if (body.slice(0, cut).endsWith('</d:response>')) continue
      expect(() => decodeMultiStatus(patched), `cut at ${cut}`).toThrow(DecodeError)
    }
  })
})
