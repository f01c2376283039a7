import { DavNetworkError } from '../network-error.ts'

/**
 * The same answer with its body stopping after `afterBytes` bytes: the headers announce the full
 * length, the first bytes are delivered, then the body stream fails with a {@link DavNetworkError},
 * which the Node adapter turns into a destroyed socket. A body no longer than that is left whole.
 */
export async function cutResponse(response: Response, afterBytes: number, label: string): Promise<Response> {
  if (response.body === null) return response
  const bytes = new Uint8Array(await response.arrayBuffer())
  const init: ResponseInit = { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) }
  if (bytes.byteLength <= afterBytes) return new Response(bytes, init)
  ;(init.headers as Headers).set('Content-Length', String(bytes.byteLength))
  const delivered = bytes.slice(0, afterBytes)
  // The error waits for the first pull after the delivered bytes were read: erroring at once would drop them.
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (delivered.byteLength > 0) controller.enqueue(delivered)
      },
      pull(controller) {
        controller.error(new DavNetworkError(`Simulated connection loss: ${label}`))
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, init)
}
