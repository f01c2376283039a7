/**
 * Lists a WebDAV folder with typed properties.
 *
 *   DAV_URL=https://dav.example/files/alice/ node list-folder.ts Documents/
 *
 * Optional DAV_USERNAME and DAV_PASSWORD (Basic auth) or DAV_TOKEN (Bearer). Prints one line per
 * member: kind, size, last modification and path. A property the server refused or sent in a
 * form davkit could not decode is shown as such, never as a made-up value.
 */
import { createDavClient, davProps, DavkitError, type DavAuth } from '@davkit/client'
import type { PropertyResult } from '@davkit/types'

function authFrom(env: NodeJS.ProcessEnv): DavAuth | undefined {
  if (env.DAV_TOKEN) return { token: env.DAV_TOKEN }
  if (env.DAV_USERNAME) return { username: env.DAV_USERNAME, password: env.DAV_PASSWORD ?? '' }
  return undefined
}

/** Text for one property result: the value, or why there is none. */
function show<T>(result: PropertyResult<T>, format: (value: T) => string): string {
  switch (result.kind) {
    case 'value':
      return format(result.value)
    case 'invalid':
      return `(invalid: ${result.problem})`
    case 'failed':
      return `(${result.status.code})`
    case 'status-problem':
      return `(bad status: ${result.problem.problem})`
    case 'missing':
      return '(not sent)'
  }
}

const baseUrl = process.env.DAV_URL
if (baseUrl === undefined || baseUrl === '') {
  process.stderr.write('Set DAV_URL to the WebDAV folder to list from, e.g. DAV_URL=http://127.0.0.1:8080/\n')
  process.exit(2)
}
const folder = process.argv[2] ?? ''
const auth = authFrom(process.env)
const dav = createDavClient({ baseUrl, ...(auth === undefined ? {} : { auth }), retry: { retries: 2 } })

try {
  const listing = await dav.propfind(folder, {
    depth: 1,
    props: {
      type: davProps.resourcetype,
      size: davProps.getcontentlength,
      modified: davProps.getlastmodified,
    },
  })
  for (const entry of listing.responses) {
    switch (entry.kind) {
      case 'resource': {
        const { type, size, modified } = entry.props
        // `type.value` is a ResourceType, `size.value` a number, `modified.value` a Date.
        const kind = type.kind === 'value' ? (type.value.collection ? 'folder' : 'file') : show(type, String)
        const bytes = kind === 'folder' ? '-' : show(size, (n) => `${n} B`)
        console.log([kind.padEnd(6), bytes.padStart(10), show(modified, (d) => d.toISOString()).padEnd(24), entry.href.path].join('  '))
        break
      }
      case 'status':
        // One status for one or more hrefs, e.g. a 404 inside the 207 (nginx does that).
        console.log(
          `${entry.hrefs.map((h) => h.path).join(', ')}: ${entry.status.kind === 'status' ? entry.status.code : 'no usable status'}`,
        )
        break
      case 'malformed':
        console.log(`a response davkit could not read (${entry.problem}), kept as is`)
        break
    }
  }
} catch (error) {
  // The request as a whole failed: transport, time-out, an HTTP error status, an undecodable body.
  if (error instanceof DavkitError) {
    process.stderr.write(`${error.code}: ${error.message}\n`)
    process.exit(1)
  }
  throw error
}
