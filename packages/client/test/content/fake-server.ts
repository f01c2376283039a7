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

/** The server's answer to `request`, given up on when its signal aborts, as a real fetch does, even if the server has not answered. */
export async function handleAbortably(server: DavServer, request: Request): Promise<Response> {
  const { signal } = request
  if (signal.aborted) throw signal.reason
  return await new Promise<Response>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    server
      .handle(request)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Wires a client to an in-memory server, without msw or sockets. */
export function fakeSetup(serverOptions: DavServerOptions = {}, clientOptions: Partial<DavClientOptions> = {}): FakeSetup {
  const server = createDavServer(serverOptions)
  const requests: Request[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    requests.push(request.clone())
    return handleAbortably(server, request)
  }
  const dav = createDavClient({
    baseUrl: `${FAKE_ORIGIN}${server.basePath}`,
    retry: false,
    ...clientOptions,
    fetch,
  })
  return { server, dav, requests }
}
