/**
 * `pnpm demo`: a realistic WebDAV session through davkit, printed as tables.
 *
 * Without configuration it starts the in-memory fake server of `@davkit/testing` on 127.0.0.1.
 * With `DAV_URL` (and `DAV_USERNAME`/`DAV_PASSWORD`, or `DAV_TOKEN`) it runs the same session
 * against that server, inside a fresh temporary folder it removes afterwards.
 *
 * Exit code: 0 when the session ran (whatever the server answered to each step), 1 on an
 * unexpected error (unreachable server, a setup step refused, an undecodable answer), 2 on a bad
 * configuration, 130 when interrupted (after cleaning up).
 */
import { createDavClient, type DavClient } from '../packages/client/src/index.ts'
import { createDavServer, type DavServer, type JournalEntry } from '../packages/testing/src/index.ts'
import { listen, type ListeningDavServer } from '../packages/testing/src/node/index.ts'
import { DemoConfigError, printableUrl, readTarget, type DemoTarget } from './demo/environment.ts'
import { createOutput } from './demo/output.ts'
import { runSession } from './demo/session.ts'
import { createStyler, wantsColour } from './demo/style.ts'
import type { TransferFaults } from './demo/transfers.ts'
import { outputWidth } from './demo/wrap.ts'

const styler = createStyler(wantsColour(process.stdout, process.env))
const out = createOutput(process.stdout, styler, outputWidth(process.stdout, process.env))

function clientsFor(baseUrl: string | URL, target: DemoTarget): { dav: DavClient; other: DavClient } {
  const auth = target.kind === 'remote' && target.auth !== undefined ? { auth: target.auth } : {}
  return {
    dav: createDavClient({ baseUrl, ...auth }),
    other: createDavClient({ baseUrl, ...auth }),
  }
}

/** What a request of a transfer said about where it stood: the offset or range it sent, or the one it learnt. */
function transferDetail(entry: JournalEntry): string {
  const sent = entry.headers['upload-offset'] ?? entry.headers.range ?? entry.headers['content-range']
  if (sent !== undefined) return entry.headers['upload-offset'] === undefined ? sent : `Upload-Offset: ${sent}`
  const learnt = entry.responseHeaders['upload-offset']
  if (learnt !== undefined) return `holds ${learnt}`
  const length = entry.headers['upload-length']
  return length === undefined ? '' : `Upload-Length: ${length}`
}

/** The fake server's faults that drop a transfer's connection, and its journal to show what followed. */
function transferFaults(server: DavServer): TransferFaults {
  return {
    cutNextUpload: (bytes) => server.faults.cutRequestBody(bytes, { method: ['PATCH', 'PUT'] }),
    cutNextDownload: (bytes) => server.faults.cutResponseBody(bytes, { method: 'GET' }),
    requests: (since) =>
      server.journal
        .filter()
        .filter((entry) => entry.sequence > since)
        .map((entry) => ({
          method: entry.method,
          detail: transferDetail(entry),
          status:
            entry.status === 'network-error'
              ? 'connection dropped'
              : `${entry.status}${entry.fault === undefined ? '' : `, then the ${entry.fault}`}`,
        })),
    last: () => server.journal.last()?.sequence ?? 0,
  }
}

async function main(): Promise<number> {
  let target: DemoTarget
  try {
    target = readTarget(process.env)
  } catch (error) {
    if (error instanceof DemoConfigError) {
      process.stderr.write(`davkit demo: ${error.message}\n`)
      return 2
    }
    throw error
  }
  let fake: ListeningDavServer | undefined
  let faults: TransferFaults | undefined
  // The first Ctrl-C stops after the current step and still cleans up; a second one exits at once.
  const stop = new AbortController()
  process.once('SIGINT', () => {
    process.stderr.write('\ndavkit demo: interrupted, cleaning up (Ctrl-C again to quit now)\n')
    stop.abort(new Error('interrupted'))
    process.once('SIGINT', () => process.exit(130))
  })
  try {
    let baseUrl: string | URL
    if (target.kind === 'fake') {
      // TUS on, so that the upload shows the mechanism it detects.
      const server = createDavServer({ uploads: { tus: true } })
      faults = transferFaults(server)
      fake = await listen(server)
      baseUrl = fake.url
      out.line(styler.paint('davkit demo', 'title'))
      out.line(`Server: the embedded fake server (@davkit/testing) at ${fake.url}`)
      out.note('Set DAV_URL (with DAV_USERNAME/DAV_PASSWORD or DAV_TOKEN) to run the same session against a real server.')
    } else {
      baseUrl = target.url
      out.line(styler.paint('davkit demo', 'title'))
      out.line(`Server: ${printableUrl(target.url)} (${target.authLabel})`)
    }
    await runSession(clientsFor(baseUrl, target), out, stop.signal, faults)
    out.line('')
    out.line('Done.', 'good')
    return 0
  } catch (error) {
    if (stop.signal.aborted) return 130
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    process.stderr.write(`\ndavkit demo: unexpected error: ${message}\n`)
    return 1
  } finally {
    await fake?.close()
  }
}

process.exitCode = await main()
