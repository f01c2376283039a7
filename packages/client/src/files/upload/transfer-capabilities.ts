import { parseDavHeader } from '../../methods/options.ts'
import type { DavClient } from '../../client.ts'
import type { ServerTransferCapabilities } from './upload-mechanism.ts'

/**
 * What the server says about the folder a file goes into: one `OPTIONS` on it. An answer other
 * than 2xx (a folder not there yet, a server that does not answer `OPTIONS`) offers nothing, so
 * the upload falls back to a plain `PUT`; a failure to get any answer is thrown.
 */
export async function transferCapabilities(
  client: DavClient,
  url: URL,
  signal: AbortSignal | undefined,
): Promise<ServerTransferCapabilities> {
  const folder = new URL('.', url)
  const response = await client.pipeline.send({ method: 'OPTIONS', url: folder, signal })
  if (response.status < 200 || response.status >= 300) return { dav: [], headers: new Headers() }
  const dav = response.headers.get('dav')
  return { dav: dav === null ? [] : parseDavHeader(dav), headers: response.headers }
}
