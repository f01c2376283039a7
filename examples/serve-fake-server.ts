/**
 * Serves `@davkit/testing`'s in-memory WebDAV server with a few sample files, to try the examples
 * without a real server:
 *
 *   node --conditions=@davkit/source examples/serve-fake-server.ts   # prints the URL
 *
 * PORT picks the port (default: any free one). CORS is on, so the browser page can talk to it from
 * another origin. Stops on Ctrl-C.
 */
import { createDavServer } from '@davkit/testing'
import { listen } from '@davkit/testing/node'

const dav = createDavServer({
  seed: {
    Documents: { 'report.txt': 'yearly report', 'notes.md': '# Notes\n', photos: { 'cat.png': new Uint8Array([137, 80, 78, 71]) } },
    notes: { 'a.txt': 'alpha', 'b.txt': 'beta' },
  },
})
const http = await listen(dav, { cors: true, port: Number(process.env.PORT ?? 0) })
process.stdout.write(`${http.url}\n`)
process.once('SIGINT', () => void http.close())
process.once('SIGTERM', () => void http.close())
