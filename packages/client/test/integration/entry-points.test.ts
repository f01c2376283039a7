// The call shapes a user coming from the `webdav` package writes first.
import { describe, expect, test } from 'vitest'
import { createDavServer } from '../../../testing/src/index.ts'
import { InvalidRequestError, createDavClient } from '../../src/index.ts'

function recordingFetch() {
  const server = createDavServer({ seed: { 'a.txt': 'a', d: { 'b.txt': 'b' } } })
  const requests: Request[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    requests.push(request.clone())
    return server.handle(request)
  }
  return { fetch, requests }
}

describe('entry points', () => {
  test('createDavClient(url, options) with flat credentials is createDavClient({ baseUrl, auth })', async () => {
    const { fetch, requests } = recordingFetch()
    const dav = createDavClient('https://dav.test/', { username: 'alice', password: 'pässword', fetch, retry: false })
    expect(dav.baseUrl.href).toBe('https://dav.test/')
    await dav.get('a.txt')
    const sent = requests.at(-1)?.headers.get('authorization')
    const same = recordingFetch()
    await createDavClient({
      baseUrl: 'https://dav.test',
      auth: { username: 'alice', password: 'pässword' },
      fetch: same.fetch,
      retry: false,
    }).get('a.txt')
    expect(sent).toMatch(/^Basic /)
    expect(sent).toBe(same.requests.at(-1)?.headers.get('authorization'))
    // The object form takes them flat too.
    const flat = recordingFetch()
    await createDavClient({ baseUrl: 'https://dav.test/', username: 'alice', password: 'pässword', fetch: flat.fetch }).get('a.txt')
    expect(flat.requests.at(-1)?.headers.get('authorization')).toBe(sent)
  })

  test('credentials given twice, or half, are refused with the right shape and never echoed', () => {
    const twice = () =>
      createDavClient('https://dav.test/', { username: 'u', password: 'secret-1', auth: { username: 'u', password: 'secret-2' } })
    expect(twice).toThrow(InvalidRequestError)
    expect(twice).toThrow(/either auth: \{ username, password \} or username and password/)
    const half = () => createDavClient({ baseUrl: 'https://dav.test/', username: 'u' })
    expect(half).toThrow(/need both username and password/)
    for (const attempt of [twice, half]) {
      try {
        attempt()
      } catch (error) {
        expect(String((error as Error).message)).not.toMatch(/secret/)
      }
    }
    // @ts-expect-error: the base URL once only
    expect(() => createDavClient('https://dav.test/', { baseUrl: 'https://other.test/' })).toThrow(/base URL once/)
  })

  test('propfind(path) asks for allprop at Depth 0; depth 1 lists; infinity is refused without an explicit body', async () => {
    const { fetch, requests } = recordingFetch()
    const dav = createDavClient('https://dav.test/', { fetch, retry: false })
    const self = await dav.propfind('d/')
    expect(requests.at(-1)?.headers.get('depth')).toBe('0')
    expect(await requests.at(-1)?.text()).toContain('allprop')
    expect(self.resources.map((r) => r.href.path)).toEqual(['/d/'])
    const listing = await dav.propfind('d/', { depth: 1 })
    expect(requests.at(-1)?.headers.get('depth')).toBe('1')
    expect(listing.resources.map((r) => r.href.path).sort()).toEqual(['/d/', '/d/b.txt'])
    const before = requests.length
    // @ts-expect-error: a whole tree needs the explicit form
    await expect(dav.propfind('d/', { depth: 'infinity' })).rejects.toThrow(/allprop: true, depth: 'infinity'/)
    expect(requests.length).toBe(before)
  })
})
