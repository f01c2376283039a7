// A client whose fetch replays a script: the n-th request gets the n-th answer, and a request
// beyond the script fails the test. Retries are fast and without jitter, so attempt counts are exact.
import { createDavClient, type DavClient } from '../../src/index.ts'

/** The base URL the scripted client is bound to. */
export const SCRIPTED_BASE = 'https://dav.example/files/'

/** The headers of an XML answer. */
export const XML_HEADERS = { 'content-type': 'application/xml; charset=utf-8' }

/** One answer of a script. */
export type Answer = (request: Request) => Response

/** A client over a scripted fetch, and the requests it sent, in order. */
export function scriptedClient(answers: readonly Answer[]): { dav: DavClient; seen: Request[] } {
  const seen: Request[] = []
  const dav = createDavClient({
    baseUrl: SCRIPTED_BASE,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, jitter: false },
    fetch: async (input, init) => {
      const request = new Request(input, init)
      seen.push(request)
      const answer = answers[seen.length - 1]
      if (answer === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`)
      return answer(request)
    },
  })
  return { dav, seen }
}

/** An answer with this status and no body. */
export const statusAnswer =
  (code: number): Answer =>
  () =>
    new Response(null, { status: code })
