import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { CrossOriginError, HttpStatusError, InvalidRequestError, createDavClient } from '../../src/index.ts'
import { redactHeaders } from '../../src/http/redact.ts'

const BASE = 'https://dav.example/files/'
const noRetry = { retry: { retries: 0 } } as const

/** A `fetch` answering every request with the response `answer` makes. */
function fetchAnswering(answer: () => Response): typeof fetch {
  return async () => answer()
}

/** Every place an error's credentials could show: its message, inspection, and its summaries as JSON. */
function everythingShown(error: unknown): string {
  const e = error as { message: string; request?: unknown; response?: unknown }
  return [e.message, inspect(error, { depth: 10 }), JSON.stringify(e.request), JSON.stringify(e.response)].join('\n')
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

describe('credentials never appear in errors', () => {
  test('headers an auth function returns are redacted whatever their names', async () => {
    const dav = createDavClient({
      baseUrl: BASE,
      ...noRetry,
      auth: () => ({
        'Ocp-Apim-Subscription-Key': 'SUBKEY-123456',
        DPoP: 'eyJproofjwt',
        'X-Credential': 'CRED-987654',
        'X-Tenant-Pass': 'TENANT-55555',
      }),
      fetch: fetchAnswering(() => new Response('oops', { status: 500 })),
    })
    const error = await failureOf(dav.mkcol('a/'))
    expect(error).toBeInstanceOf(HttpStatusError)
    const shown = everythingShown(error)
    for (const secret of ['SUBKEY-123456', 'eyJproofjwt', 'CRED-987654', 'TENANT-55555']) expect(shown).not.toContain(secret)
    expect((error as HttpStatusError).request?.headers['x-tenant-pass']).toBe('[REDACTED]')
  })

  test("the client's default headers with credential-like names are redacted, in headers and echoed bodies", async () => {
    const dav = createDavClient({
      baseUrl: BASE,
      ...noRetry,
      headers: { 'Ocp-Apim-Subscription-Key': 'SUBKEY-123456', DPoP: 'eyJproofjwt', 'X-Credential': 'CRED-987654', Depth: '0' },
      fetch: fetchAnswering(() => new Response('key SUBKEY-123456 and proof eyJproofjwt refused', { status: 500 })),
    })
    const error = await failureOf(dav.mkcol('a/'))
    const shown = everythingShown(error)
    for (const secret of ['SUBKEY-123456', 'eyJproofjwt', 'CRED-987654']) expect(shown).not.toContain(secret)
    expect((error as HttpStatusError).response?.bodyExcerpt).toContain('refused')
  })

  test('a base URL that cannot be parsed does not keep its password in the error or its cause', () => {
    for (const baseUrl of ['https://alice:hunter2@exa mple.com/dav/', 'https://alice:hun/ter2@exa mple.com/dav/']) {
      let error: unknown
      try {
        createDavClient({ baseUrl })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(InvalidRequestError)
      const shown = everythingShown(error)
      expect(shown).not.toContain('hunter2')
      expect(shown).not.toContain('ter2')
      expect(JSON.stringify(error)).not.toContain('ter2')
      expect((error as Error).message).toContain('exa mple.com')
    }
  })

  test('an href that cannot be parsed does not keep its userinfo in the error', async () => {
    const dav = createDavClient({ baseUrl: BASE, ...noRetry, fetch: fetchAnswering(() => new Response(null, { status: 201 })) })
    const href = { raw: 'x', url: 'https://alice:hunter2@exa mple.com/x' } as unknown as Parameters<typeof dav.mkcol>[0]
    const error = await failureOf(dav.mkcol(href))
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(everythingShown(error)).not.toContain('hunter2')
  })

  test('a refused cross-origin redirect to a pre-signed URL does not show its signature', async () => {
    const location =
      'https://bucket.s3.example/obj?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20260101&X-Amz-Signature=deadbeefcafe&X-Amz-Security-Token=TOKEN123'
    const dav = createDavClient({
      baseUrl: BASE,
      ...noRetry,
      auth: { token: 'bearer-secret' },
      fetch: fetchAnswering(() => new Response(null, { status: 307, headers: { location, 'content-location': `${location}&x=1` } })),
    })
    const error = await failureOf(dav.mkcol('a/'))
    expect(error).toBeInstanceOf(CrossOriginError)
    const shown = everythingShown(error)
    for (const secret of ['AKIAEXAMPLE', 'deadbeefcafe', 'TOKEN123', 'bearer-secret']) expect(shown).not.toContain(secret)
    expect((error as CrossOriginError).response?.headers['location']).toContain('bucket.s3.example/obj')
  })

  test('URL-valued response headers lose their userinfo and credential-like query parameters', () => {
    const out = redactHeaders(
      new Headers({
        Location: 'https://u:pw12345@h.example/a?sig=SIG999&x=1',
        'Content-Location': 'https://h.example/b?access_token=TOK777',
      }),
    )
    expect(JSON.stringify(out)).not.toMatch(/pw12345|SIG999|TOK777/)
    expect(out['location']).toContain('x=1')
  })

  test('a Basic password a server echoes in plain text is removed from the body excerpt', async () => {
    for (const options of [
      { baseUrl: BASE, auth: { username: 'alice', password: 'hunter2' } },
      { baseUrl: 'https://alice:hunter2@dav.example/files/' },
      { baseUrl: BASE, auth: { username: 'alice.longname', password: 'hunter2' } },
    ]) {
      const dav = createDavClient({
        ...options,
        ...noRetry,
        fetch: fetchAnswering(() => new Response('bad password hunter2 for alice.longname', { status: 500 })),
      })
      const error = await failureOf(dav.mkcol('a/'))
      expect(error).toBeInstanceOf(HttpStatusError)
      const shown = everythingShown(error)
      expect(shown).not.toContain('hunter2')
      expect((error as HttpStatusError).response?.bodyExcerpt).toContain('bad password [REDACTED]')
      // A long username goes too; a short one ("alice") is left, removing it would mangle ordinary words.
      if (options.auth?.username === 'alice.longname') expect(shown).not.toContain('alice.longname')
    }
  })
})
