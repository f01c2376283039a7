// Starts the fake on a port for manual runs: node --conditions=@davkit/source packages/testing/test/support/serve.ts
import { createDavServer } from '../../src/index.ts'
import { listen } from '../../src/node/index.ts'

const dav = createDavServer()
const http = await listen(dav, { port: Number(process.env['PORT'] ?? 0) })
process.stdout.write(`${http.url}\n`)
