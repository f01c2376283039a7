// A method takes the body from the response to decode it; errors made afterwards still quote its
// beginning, whatever its size (the response's summary is made lazily).
import { expect, test } from 'vitest'
import { HttpStatusError } from '../errors/http-status-error.ts'
import { UndecodableResponseError } from '../errors/undecodable-response-error.ts'
import { createDavClient } from '../client.ts'
import { createRequestPipeline } from './request-pipeline.ts'
import { davProps } from '../properties/dav-props.ts'

const BASE = 'https://dav.example/files/'

function clientAnswering(status: number, body: string, contentType: string): ReturnType<typeof createDavClient> {
  return createDavClient({
    baseUrl: BASE,
    retry: false,
    fetch: async () => new Response(body, { status, headers: { 'content-type': contentType } }),
  })
}

for (const size of [100, 50_000]) {
  test(`a ${size}-byte HTML page answering 200 is quoted in the UndecodableResponseError`, async () => {
    const page = `<html><body>Please log in${'.'.repeat(size)}</body></html>`
    const error = await clientAnswering(200, page, 'text/html')
      .propfind('', { props: { etag: davProps.getetag } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UndecodableResponseError)
    expect((error as UndecodableResponseError).response?.bodyExcerpt).toBe(page.slice(0, 2048))
  })

  test(`a ${size}-byte DAV:error with a 403 is quoted in the HttpStatusError`, async () => {
    const body = `<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:need-privileges/><!--${'x'.repeat(size)}--></D:error>`
    const error = await clientAnswering(403, body, 'application/xml')
      .propfind('', { props: { etag: davProps.getetag } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpStatusError)
    expect((error as HttpStatusError).response?.bodyExcerpt?.startsWith('<?xml version="1.0"?><D:error')).toBe(true)
    expect((error as HttpStatusError).davError?.conditions.map((c) => c.name.local)).toEqual(['need-privileges'])
  })
}

test('takeBody hands the buffered bytes over once and leaves the response with an empty body', async () => {
  const page = `<html>${'x'.repeat(10_000)}</html>`
  const pipeline = createRequestPipeline({
    baseUrl: BASE,
    retry: false,
    fetch: async () => new Response(page, { status: 500, headers: { 'content-type': 'text/html' } }),
  })
  const response = await pipeline.send({ method: 'GET', url: new URL('a.txt', BASE) })
  const taken = response.takeBody()
  expect(new TextDecoder().decode(taken)).toBe(page)
  expect(response.body.byteLength).toBe(0)
  expect(response.takeBody().byteLength).toBe(0)
  // Taken after the bytes went: the excerpt was kept before they did.
  expect(response.summary.bodyExcerpt).toBe(page.slice(0, 2048))
})
