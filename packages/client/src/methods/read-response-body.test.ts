import type { MultiStatus } from '@davkit/types'
import { expect, test } from 'vitest'
import type { DavResponse } from '../http/request-pipeline.ts'
import type { MethodContext } from './method-context.ts'
import { readResponseBody } from './read-response-body.ts'

/** A context whose decoder records the text it is given. */
function recording(): { context: MethodContext; texts: string[] } {
  const texts: string[] = []
  const multistatus: MultiStatus = { responses: [], description: undefined, syncToken: undefined }
  const context = {
    pipeline: undefined as never,
    decodeMultiStatus: (text: string) => {
      texts.push(text)
      return multistatus
    },
  } as MethodContext
  return { context, texts }
}

function responseOf(body: Uint8Array, contentType: string | undefined): DavResponse {
  return {
    status: 207,
    body,
    url: 'https://dav.example/',
    headers: new Headers(contentType === undefined ? {} : { 'content-type': contentType }),
  } as unknown as DavResponse
}

test('the body is decoded by the charset of its Content-Type, again and again', () => {
  const { context, texts } = recording()
  const latin1 = new Uint8Array([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]) // <a>é</a> in ISO-8859-1
  const utf8 = new TextEncoder().encode('<a>é</a>')
  for (let i = 0; i < 2; i++) {
    readResponseBody(context, responseOf(latin1, 'text/xml; charset="iso-8859-1"'))
    readResponseBody(context, responseOf(utf8, 'application/xml; charset=utf-8'))
    readResponseBody(context, responseOf(utf8, undefined))
  }
  expect(texts).toEqual(Array(6).fill('<a>é</a>'))
})

test('an unknown charset is read as UTF-8', () => {
  const { context, texts } = recording()
  readResponseBody(context, responseOf(new TextEncoder().encode('<a>é</a>'), 'text/xml; charset=no-such-charset'))
  expect(texts).toEqual(['<a>é</a>'])
})

test('the body is taken from the response, and an empty one reads as empty', () => {
  const { context, texts } = recording()
  const response = responseOf(new TextEncoder().encode('<a/>'), 'text/xml')
  expect(readResponseBody(context, response).kind).toBe('multistatus')
  expect(response.body.byteLength).toBe(0)
  expect(readResponseBody(context, responseOf(new TextEncoder().encode('  \n'), 'text/xml'))).toEqual({ kind: 'empty' })
  expect(texts).toEqual(['<a/>'])
})
