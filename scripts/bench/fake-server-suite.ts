import { createDavServer, type SeedTree } from '@davkit/testing'
import { listen } from '@davkit/testing/node'

/** How a consumer's tests reach the fake server. */
export type FakeServerMode = 'in-process' | 'http'

/** What one run of the simulated suite did. */
export interface SuiteRun {
  readonly tests: number
  readonly requests: number
}

const SEED: SeedTree = {
  docs: Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`file-${index}.txt`, `content of file ${index}\n`])),
}

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getetag/></D:prop></D:propfind>'

/** The requests of one consumer test: upload, list, read, copy, delete. */
const REQUESTS_PER_TEST = 5

/**
 * Simulates a consumer's test suite against `@davkit/testing`: each test resets the store to a
 * 20-file seed, then PUTs a file, lists the folder (PROPFIND Depth 1), GETs a file, COPYs it and
 * DELETEs the copy. `in-process` calls the server's fetch-style `handle` (what msw does for a
 * consumer); `http` goes through the Node adapter on 127.0.0.1 with `fetch`.
 * Throws if any answer is not the expected status, so a broken server cannot look fast.
 */
export async function runFakeServerSuite(mode: FakeServerMode, tests: number): Promise<SuiteRun> {
  const dav = createDavServer()
  const http = mode === 'http' ? await listen(dav) : undefined
  const origin = http?.url ?? 'http://dav.test/'
  const call = async (
    method: string,
    path: string,
    expected: number,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<void> => {
    const request = new Request(new URL(path, origin), { method, ...init })
    const response = http === undefined ? await dav.handle(request) : await fetch(request)
    await response.arrayBuffer()
    if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}`)
  }
  try {
    for (let test = 0; test < tests; test++) {
      dav.reset(SEED)
      await call('PUT', 'docs/new.txt', 201, { body: `test ${test}\n`, headers: { 'content-type': 'text/plain' } })
      await call('PROPFIND', 'docs/', 207, { headers: { depth: '1', 'content-type': 'application/xml' }, body: PROPFIND_BODY })
      await call('GET', 'docs/file-3.txt', 200)
      await call('COPY', 'docs/new.txt', 201, { headers: { destination: new URL('docs/copy.txt', origin).href } })
      await call('DELETE', 'docs/copy.txt', 204)
    }
  } finally {
    await http?.close()
  }
  return { tests, requests: tests * REQUESTS_PER_TEST }
}
