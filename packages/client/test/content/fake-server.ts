// @davkit/testing is imported by path: it depends on @davkit/client, so a dependency back would be a cycle.
import { createDavServer, type DavServer, type DavServerOptions } from '../../../testing/src/index.ts'
import { createDavClient, type DavClient, type DavClientOptions } from '../../src/index.ts'

export const FAKE_ORIGIN = 'https://dav.test'

/** A fake server and a client talking to it in-process, through the client's `fetch` option. */
export interface FakeSetup {
  readonly server: DavServer
  readonly dav: DavClient
  /** Requests as the server received them (method, path, headers). */
  readonly requests: Request[]
}

/** Wires a client to an in-memory server, without msw or sockets. */
export function fakeSetup(serverOptions: DavServerOptions = {}, clientOptions: Partial<DavClientOptions> = {}): FakeSetup {
  const server = createDavServer(serverOptions)
  const requests: Request[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    requests.push(request.clone())
    // Like a real fetch, give up when the signal aborts, even if the server has not answered.
    const { signal } = request
    if (signal.aborted) throw signal.reason
    return new Promise<Response>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      server
        .handle(request)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort))
    })
  }
  const dav = createDavClient({
    baseUrl: `${FAKE_ORIGIN}${server.basePath}`,
    retry: false,
    ...clientOptions,
    fetch,
  })
  return { server, dav, requests }
}
