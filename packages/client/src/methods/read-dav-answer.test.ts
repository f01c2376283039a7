import type { MultiStatusResponse } from '@davkit/types'
import { expect, test } from 'vitest'
import type { DavResponse } from '../http/request-pipeline.ts'
import { readMultiStatusBody, readResponseBody, type BodyReading } from './read-dav-answer.ts'

function responseOf(body: Uint8Array, contentType: string | undefined): DavResponse {
  let held = body
  return {
    status: 207,
    statusText: 'Multi-Status',
    get body() {
      return held
    },
    takeBody: () => {
      const taken = held
      held = new Uint8Array(0)
      return taken
    },
    url: 'https://dav.example/',
    headers: new Headers(contentType === undefined ? {} : { 'content-type': contentType }),
    scrub: (text: string) => text.replaceAll('s3cret', '[redacted]'),
  } as unknown as DavResponse
}

// A multistatus whose one href is `/<name>`, in the given bytes.
function multistatus(name: string): string {
  return `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/${name}</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`
}

function firstHref(reading: BodyReading): string | undefined {
  if (reading.kind !== 'multistatus') return undefined
  const response = reading.multistatus.responses[0] as MultiStatusResponse
  return response.kind === 'status' ? response.hrefs[0].raw : undefined
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0))
}

test('the body is decoded by the charset of its Content-Type, again and again', () => {
  for (let i = 0; i < 2; i++) {
    expect(firstHref(readResponseBody(responseOf(latin1(multistatus('é')), 'text/xml; charset="iso-8859-1"')))).toBe('/é')
    expect(firstHref(readResponseBody(responseOf(new TextEncoder().encode(multistatus('é')), 'application/xml; charset=utf-8')))).toBe('/é')
    expect(firstHref(readResponseBody(responseOf(new TextEncoder().encode(multistatus('é')), undefined)))).toBe('/é')
  }
})

test('an unknown charset is read as UTF-8', () => {
  const reading = readResponseBody(responseOf(new TextEncoder().encode(multistatus('é')), 'text/xml; charset=no-such-charset'))
  expect(firstHref(reading)).toBe('/é')
})

test('the body is taken from the response, and an empty one reads as empty', () => {
  const response = responseOf(new TextEncoder().encode(multistatus('a')), 'text/xml')
  expect(readResponseBody(response).kind).toBe('multistatus')
  expect(response.body.byteLength).toBe(0)
  expect(readResponseBody(responseOf(new TextEncoder().encode('  \n'), 'text/xml'))).toEqual({ kind: 'empty' })
})

test('a DAV:error body and an undecodable one are readings, not exceptions', () => {
  const error = readResponseBody(
    responseOf(new TextEncoder().encode('<d:error xmlns:d="DAV:"><d:lock-token-submitted/></d:error>'), 'text/xml'),
  )
  expect(error).toMatchObject({
    kind: 'dav-error',
    error: { conditions: [{ name: { namespace: 'DAV:', local: 'lock-token-submitted' } }] },
  })
  const html = readResponseBody(responseOf(new TextEncoder().encode('<html><body>login</body></html>'), 'text/html'))
  expect(html).toMatchObject({ kind: 'undecodable', failure: { code: 'not-xml', contentType: 'text/html' } })
})

test('the sink reads a body fed in chunks of any size, a character split between two chunks included', () => {
  const bytes = new TextEncoder().encode(multistatus('résumé-日本'))
  for (const size of [1, 2, 3, 7, 64]) {
    const sink = readMultiStatusBody({ status: 207, statusText: 'Multi-Status', headers: new Headers(), url: 'https://dav.example/' })
    for (let offset = 0; offset < bytes.byteLength; offset += size) sink.write(bytes.subarray(offset, offset + size))
    expect(firstHref(sink.end())).toBe('/résumé-日本')
  }
})

test('what an undecodable reading quotes from the body is scrubbed of the credentials sent', () => {
  const echoed = new TextEncoder().encode('<D:multistatus xmlns:D="DAV:"><D:response>Authorization: Basic s3cret</D:wrong></D:multistatus>')
  const reading = readResponseBody(responseOf(echoed, 'text/xml'))
  expect(reading.kind).toBe('undecodable')
  if (reading.kind !== 'undecodable') return
  expect(JSON.stringify(reading)).not.toContain('s3cret')
  expect((reading.cause as { snippet?: string }).snippet).toContain('[redacted]')
})
