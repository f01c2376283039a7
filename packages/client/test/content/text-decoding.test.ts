// Every answer read as text follows one rule, GET's and LOCK's included: a byte order mark, else
// the charset of the Content-Type, else an XML declaration's encoding, else UTF-8.
import { expect, test } from 'vitest'
import { scriptedClient } from '../support/scripted-client.ts'

const utf16le = (text: string): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(2 + text.length * 2)
  bytes.set([0xff, 0xfe])
  for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2)
  return bytes
}
const latin1 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(text, (c) => c.charCodeAt(0))

test('GET as text: a byte order mark wins over the charset; the charset over the default', async () => {
  const { dav } = scriptedClient([
    () => new Response(utf16le('résumé'), { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }),
    () => new Response(latin1('résumé'), { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }),
    () => new Response(new TextEncoder().encode('résumé'), { headers: { 'content-type': 'text/plain' } }),
    () => new Response(latin1('<?xml version="1.0" encoding="iso-8859-1"?><a>é</a>'), { headers: { 'content-type': 'application/xml' } }),
  ])
  const texts = []
  for (let i = 0; i < 4; i++) {
    const result = await dav.get('a.txt', { as: 'text' })
    texts.push(result.kind === 'full' ? result.data : undefined)
  }
  expect(texts).toEqual(['résumé', 'résumé', 'résumé', '<?xml version="1.0" encoding="iso-8859-1"?><a>é</a>'])
})

test('a LOCK answer is read by its charset too', async () => {
  const body =
    '<?xml version="1.0"?><D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype>' +
    '<D:lockscope><D:exclusive/></D:lockscope><D:depth>0</D:depth><D:owner>Zoë</D:owner><D:timeout>Second-600</D:timeout>' +
    '<D:locktoken><D:href>urn:uuid:1</D:href></D:locktoken><D:lockroot><D:href>/files/a.txt</D:href></D:lockroot></D:activelock></D:lockdiscovery></D:prop>'
  const { dav } = scriptedClient([
    () =>
      new Response(latin1(body), {
        status: 200,
        headers: { 'content-type': 'application/xml; charset=iso-8859-1', 'lock-token': '<urn:uuid:1>' },
      }),
  ])
  const result = await dav.lock('a.txt', { owner: 'Zoë' })
  expect(result.kind).toBe('granted')
  if (result.kind !== 'granted') return
  expect(JSON.stringify(result)).toContain('Zoë')
})
