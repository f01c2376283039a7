import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HttpHandler, HttpResponse } from 'msw'
import { setupServer, type SetupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

export const ORIGIN = 'https://dav.example'
export const BASE: string = `${ORIGIN}/remote.php/dav/files/alice/`

/** An msw server for one test file, failing on any request no handler answers. */
export function useMswServer(): SetupServer {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return server
}

/** What a handler saw of one request. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: Headers
  readonly body: string
}

/**
 * A handler for one method on one URL (exact, already encoded), answering with `answer` and
 * recording every request into `seen`.
 */
export function handle(
  method: string,
  url: string,
  answer: (request: SeenRequest, count: number) => Response | Promise<Response>,
  seen: SeenRequest[] = [],
): HttpHandler {
  return new HttpHandler(method, url, async ({ request }) => {
    const entry = { method: request.method, url: request.url, headers: request.headers, body: await request.text() }
    seen.push(entry)
    return answer(entry, seen.length)
  })
}

/** A 207 with an XML body. */
export function multistatus(xml: string, status = 207): Response {
  return new HttpResponse(xml, { status, headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')
const corpusDir = join(repoRoot, '..', 'shared', 'corpus', 'multistatus')

/** Whether the shared corpus of real 207 bodies is present (tests that need it are skipped otherwise). */
export const corpusAvailable: boolean = existsSync(corpusDir)
/** Appended to the titles of the tests that need the corpus: why they skip when it is absent. */
export const corpusSkipNote: string = corpusAvailable ? '' : ` (skipped: ${corpusDir}/ is absent)`

/** A body of the shared corpus of real server answers. */
export function corpus(name: string): string {
  return readFileSync(join(corpusDir, name), 'utf8')
}
