/**
 * Starts one server by hand, for debugging: prints its URL and data directory, and stops it
 * (removing its temp dirs) on Ctrl-C. Run through `servers/start.sh <name> [--cors] [--depth-infinity]`.
 */
import { startApache } from './apache.ts'
import { serverNames, startServer } from './start-server.ts'
import type { RunningServer, ServerName } from './types.ts'

function isServerName(value: string | undefined): value is ServerName {
  return serverNames.some((name) => name === value)
}

const [name, ...flags] = process.argv.slice(2)
if (!isServerName(name)) {
  process.stderr.write(`usage: servers/start.sh <${serverNames.join('|')}> [--cors] [--depth-infinity]\n`)
  process.exit(2)
}
const cors = flags.includes('--cors')
const server: RunningServer =
  name === 'apache' ? await startApache({ cors, depthInfinity: flags.includes('--depth-infinity') }) : await startServer(name, { cors })
process.stdout.write(`${name} serving ${server.dataDir}\nat ${server.url}\nCtrl-C stops it.\n`)
const stop = (): void => {
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`)
      process.exit(1)
    },
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
