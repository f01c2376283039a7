/**
 * Keeps a local mirror of a WebDAV folder in sync and prints what each round changed.
 *
 *   DAV_URL=http://127.0.0.1:8080/ node main.ts notes/
 *
 * Every SYNC_INTERVAL_MS (default 5000) it asks for the changes since the last round; ROUNDS=n
 * stops after n rounds (default: until interrupted). Optional DAV_USERNAME/DAV_PASSWORD.
 */
import { createDavClient } from '@davkit/client'
import { setTimeout as sleep } from 'node:timers/promises'
import { createMirror, syncMirror } from './mirror.ts'

const baseUrl = process.env.DAV_URL
if (baseUrl === undefined || baseUrl === '') {
  process.stderr.write('Set DAV_URL to the server, e.g. DAV_URL=http://127.0.0.1:8080/\n')
  process.exit(2)
}
const folder = process.argv[2] ?? ''
const rounds = Number(process.env.ROUNDS ?? Infinity)
const interval = Number(process.env.SYNC_INTERVAL_MS ?? 5000)
if (!(rounds >= 1) || !(interval >= 0)) {
  process.stderr.write('ROUNDS must be a number >= 1 and SYNC_INTERVAL_MS a number >= 0\n')
  process.exit(2)
}
const username = process.env.DAV_USERNAME
const dav = createDavClient({ baseUrl, ...(username ? { auth: { username, password: process.env.DAV_PASSWORD ?? '' } } : {}) })

const stop = new AbortController()
process.once('SIGINT', () => stop.abort())

const mirror = createMirror()
for (let round = 1; round <= rounds && !stop.signal.aborted; round += 1) {
  const report = await syncMirror(dav, folder, mirror, { signal: stop.signal })
  const refused = report.tokenRefused ? ' (token refused: resynced from scratch)' : ''
  console.log(`round ${round}: ${report.kind} sync${refused}, ${mirror.files.size} files`)
  for (const path of report.downloaded) console.log(`  downloaded ${path}`)
  for (const path of report.removed) console.log(`  removed    ${path}`)
  if (round < rounds) await sleep(interval, undefined, { signal: stop.signal }).catch(() => {})
}
