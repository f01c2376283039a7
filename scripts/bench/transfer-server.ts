/**
 * The transfer benchmark's server: Node `http` on 127.0.0.1, run in a process of its own so that
 * its memory and time are not the client's. It never stores a file: the content is a function of
 * the offset (`transfer-content.ts`), made as it is sent and checked as it arrives, and a file is
 * only the count of the bytes held. It speaks:
 * - GET/HEAD with a strong `ETag`, `Last-Modified`, `Accept-Ranges`, one `Range` and `If-Range`
 *   (206, 200 when the validator does not match, 416);
 * - PUT whole (replacing the file once the body is complete, as Apache does) and PUT with
 *   `Content-Range` written in place (Apache mod_dav; `DAV` lists `<http://apache.org/dav/propset/fs/1>`);
 * - TUS 1.0 core with creation (`POST` on a folder with the `filename` in `Upload-Metadata`, or on
 *   the file's own URL), `HEAD` for the offset and `PATCH`, keeping what arrived before a cut.
 * Every byte received is checked at the offset it claims; a mismatch is recorded as the file's
 * failure and the connection is dropped. Control: `POST /_control/files` registers a file
 * (`{ path, size, cuts, direction }`), `GET /_control/files?path=` reports its {@link TransferCounts},
 * `DELETE` forgets it. A registered file with cuts has its connection destroyed when the bytes
 * moved for it (request bodies received plus response bodies sent) cross each cut, once per cut.
 *
 * Run as a process (`node scripts/bench/transfer-server.ts`), it prints `TRANSFER-SERVER <url>`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { BLOCK_SIZE, contentBlock, firstMismatch } from './transfer-content.ts'
import { listenOnLoopback, type Loopback } from './loopback.ts'

/** What a transfer file is registered for: served to GETs, or written by uploads. */
export type TransferDirection = 'download' | 'upload'

/** Registration of one file for one run. */
export interface TransferFileSpec {
  /** URL path, e.g. `/bench/upload-tus-3.bin`. */
  readonly path: string
  readonly size: number
  /** Fractions of `size` (e.g. `[0.3, 0.6, 0.9]`) at which the connection is cut. */
  readonly cuts: readonly number[]
  readonly direction: TransferDirection
}

/** What the server saw for one file. */
export interface TransferCounts {
  readonly size: number
  /** Request body bytes received for the file (all requests). */
  readonly requestBytes: number
  /** Response body bytes sent for the file (all requests). */
  readonly responseBytes: number
  /** Connections cut so far. */
  readonly cuts: number
  /** Bytes from offset 0 received, checked and kept (the size, for a download file). */
  readonly held: number
  /** An upload: every byte of the file arrived, in place; a download: always true. */
  readonly complete: boolean
  /** Requests per method, `PATCH` or `PUT` with `Content-Range` counted as such. */
  readonly requests: Readonly<Record<string, number>>
  /** The first thing that was wrong (bytes at a wrong offset, a gap, a bad header), if any. */
  readonly failure: string | undefined
}

interface TransferFile {
  readonly spec: TransferFileSpec
  readonly marks: readonly number[]
  cutsDone: number
  requestBytes: number
  responseBytes: number
  held: number
  exists: boolean
  /** Bumped on every completed write: part of the ETag. */
  version: number
  lastModified: string
  /** TUS: `Upload-Length`, or undefined while deferred. */
  uploadLength: number | undefined
  tusId: string | undefined
  readonly requests: Record<string, number>
  failure: string | undefined
}

/** Bytes per `write` of a response: small enough that a cut lands within 64 KiB of its mark. */
const WRITE_PIECE = 64 * 1024
const CONTROL_PATH = '/_control/files'
const TUS_PATH = '/_tus/'
const TUS_VERSION = '1.0.0'

/** The server and its files, without listening: `startTransferServer` or the process entry listen. */
export function createTransferServer(): Server {
  const files = new Map<string, TransferFile>()
  const tusUploads = new Map<string, TransferFile>()
  let nextTusId = 1

  const moved = (file: TransferFile): number => file.requestBytes + file.responseBytes
  /** Bytes that may move before the next cut (Infinity when no cut is left). */
  const budget = (file: TransferFile): number => {
    const mark = file.marks[file.cutsDone]
    return mark === undefined ? Number.POSITIVE_INFINITY : mark - moved(file)
  }
  const etagOf = (file: TransferFile): string => `"${file.held.toString(16)}-${file.version}"`
  const fail = (file: TransferFile, reason: string): void => {
    file.failure ??= reason
    process.stderr.write(`transfer server: ${file.spec.path}: ${reason}\n`)
  }
  const count = (file: TransferFile, label: string): void => {
    file.requests[label] = (file.requests[label] ?? 0) + 1
  }

  function register(spec: TransferFileSpec): void {
    for (const [id, file] of tusUploads) if (file.spec.path === spec.path) tusUploads.delete(id)
    const download = spec.direction === 'download'
    files.set(spec.path, {
      spec,
      marks: [...spec.cuts].sort((a, b) => a - b).map((fraction) => Math.floor(spec.size * fraction)),
      cutsDone: 0,
      requestBytes: 0,
      responseBytes: 0,
      held: download ? spec.size : 0,
      exists: download,
      version: 1,
      lastModified: new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toUTCString(),
      uploadLength: undefined,
      tusId: undefined,
      requests: {},
      failure: undefined,
    })
  }

  function countsOf(file: TransferFile): TransferCounts {
    return {
      size: file.spec.size,
      requestBytes: file.requestBytes,
      responseBytes: file.responseBytes,
      cuts: file.cutsDone,
      held: file.held,
      complete: file.exists && file.held === file.spec.size && (file.tusId === undefined || file.uploadLength === file.spec.size),
      requests: { ...file.requests },
      failure: file.failure,
    }
  }

  function control(request: IncomingMessage, response: ServerResponse, url: URL): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (request.method === 'POST') {
        register(JSON.parse(Buffer.concat(chunks).toString('utf8')) as TransferFileSpec)
        response.writeHead(204).end()
        return
      }
      const file = files.get(url.searchParams.get('path') ?? '')
      if (file === undefined) {
        response.writeHead(404).end()
        return
      }
      if (request.method === 'DELETE') {
        files.delete(file.spec.path)
        if (file.tusId !== undefined) tusUploads.delete(file.tusId)
        response.writeHead(204).end()
        return
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(countsOf(file)))
    })
  }

  /** Sends the content from `start` to `end` (exclusive), cutting the connection at a mark. */
  function sendContent(file: TransferFile, response: ServerResponse, start: number, end: number): void {
    let position = start
    let block: Buffer | undefined
    let blockIndex = -1
    const pump = (): void => {
      while (position < end) {
        const index = Math.floor(position / BLOCK_SIZE)
        if (index !== blockIndex) {
          block = contentBlock(index)
          blockIndex = index
        }
        const within = position - index * BLOCK_SIZE
        const allowed = budget(file)
        const length = Math.min(WRITE_PIECE, end - position, BLOCK_SIZE - within, allowed)
        const piece = (block as Buffer).subarray(within, within + length)
        file.responseBytes += length
        position += length
        if (length === allowed) {
          // The mark is reached: these bytes go out, then the connection drops.
          file.cutsDone++
          response.write(piece, () => response.socket?.destroy())
          return
        }
        if (!response.write(piece)) {
          response.once('drain', pump)
          return
        }
      }
      response.end()
    }
    pump()
  }

  function get(file: TransferFile | undefined, request: IncomingMessage, response: ServerResponse): void {
    request.resume()
    if (file === undefined || !file.exists) {
      response.writeHead(404, { 'content-length': '0' }).end()
      return
    }
    count(file, request.method ?? 'GET')
    const size = file.held
    const headers: Record<string, string> = {
      etag: etagOf(file),
      'last-modified': file.lastModified,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    }
    let start = 0
    let end = size
    let status = 200
    const range = request.headers.range
    const ifRange = request.headers['if-range']
    const validatorHolds = ifRange === undefined || ifRange === headers.etag || ifRange === headers['last-modified']
    if (range !== undefined && validatorHolds) {
      const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
      if (match !== null && (match[1] !== '' || match[2] !== '')) {
        if (match[1] === '') {
          start = Math.max(0, size - Number(match[2]))
        } else {
          start = Number(match[1])
          if (match[2] !== '') end = Math.min(size, Number(match[2]) + 1)
        }
        if (start >= size || start >= end) {
          response.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': '0' }).end()
          return
        }
        status = 206
        headers['content-range'] = `bytes ${start}-${end - 1}/${size}`
      }
    }
    headers['content-length'] = String(end - start)
    response.writeHead(status, headers)
    if (request.method === 'HEAD') {
      response.end()
      return
    }
    sendContent(file, response, start, end)
  }

  /**
   * Receives a request body written at `offset`: counts it, checks it, moves `held` (in place, so
   * that what arrived before a cut is kept, or only at the end for a whole PUT) and cuts at a mark.
   * Calls `done` with the offset reached once the body ended, unless the connection was cut.
   */
  function receive(
    file: TransferFile,
    request: IncomingMessage,
    offset: number,
    limit: number,
    inPlace: boolean,
    done: (reached: number) => void,
  ): void {
    let at = offset
    let cut = false
    request.on('data', (chunk: Buffer) => {
      if (cut) return
      const allowed = budget(file)
      file.requestBytes += chunk.byteLength
      let kept = chunk
      if (chunk.byteLength >= allowed) {
        kept = chunk.subarray(0, Math.max(0, allowed))
        cut = true
        file.cutsDone++
      }
      if (at + kept.byteLength > limit) {
        fail(file, `a body written at ${offset} goes past ${limit}`)
        cut = true
        kept = kept.subarray(0, Math.max(0, limit - at))
      }
      const wrong = firstMismatch(kept, at)
      if (wrong !== -1) {
        fail(file, `the bytes received differ from the content at offset ${wrong}`)
        cut = true
        kept = kept.subarray(0, wrong - at)
      }
      at += kept.byteLength
      if (inPlace) file.held = Math.max(file.held, at)
      if (cut) request.socket.destroy()
    })
    request.on('end', () => {
      if (!cut) done(at)
    })
  }

  function put(file: TransferFile | undefined, request: IncomingMessage, response: ServerResponse): void {
    if (file === undefined) {
      request.resume()
      response.writeHead(409, { 'content-length': '0' }).end()
      return
    }
    const ifNoneMatch = request.headers['if-none-match']
    const ifMatch = request.headers['if-match']
    if ((ifNoneMatch === '*' && file.exists) || (ifMatch !== undefined && (!file.exists || ifMatch !== etagOf(file)))) {
      count(file, 'PUT (412)')
      request.resume()
      response.writeHead(412, { 'content-length': '0' }).end()
      return
    }
    const created = !file.exists
    const answer = (): void => {
      file.version++
      response.writeHead(created ? 201 : 204, { etag: etagOf(file), 'content-length': '0' }).end()
    }
    const contentRange = request.headers['content-range']
    if (contentRange === undefined) {
      count(file, 'PUT')
      // A whole PUT replaces the file only once complete: Apache writes it aside, then renames.
      receive(file, request, 0, file.spec.size, false, (reached) => {
        file.held = reached
        file.exists = true
        answer()
      })
      return
    }
    count(file, 'PUT Content-Range')
    const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange.trim())
    const start = Number(match?.[1])
    const last = Number(match?.[2])
    const total = match?.[3] === '*' ? undefined : Number(match?.[3])
    const problem =
      match === null
        ? `Content-Range ${contentRange} is not bytes a-b/n`
        : start > file.held
          ? `a range starting at ${start} would leave a gap after the ${file.held} bytes held`
          : total !== undefined && total !== file.spec.size
            ? `Content-Range gives a total of ${total}, the file has ${file.spec.size}`
            : undefined
    if (problem !== undefined) {
      fail(file, problem)
      request.resume()
      response.writeHead(400, { 'content-length': '0' }).end()
      return
    }
    // Apache writes a ranged PUT into the file itself: what arrived before a cut stays.
    file.exists = true
    receive(file, request, start, Math.min(file.spec.size, last + 1), true, (reached) => {
      if (reached !== last + 1) fail(file, `Content-Range ${contentRange} announced, the body ended at ${reached}`)
      answer()
    })
  }

  const tusHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
    'tus-resumable': TUS_VERSION,
    'cache-control': 'no-store',
    ...extra,
  })

  function tusCreate(request: IncomingMessage, response: ServerResponse, path: string): void {
    request.resume()
    const metadata = request.headers['upload-metadata']
    const filename = /(?:^|,)\s*filename\s+([A-Za-z0-9+/=]+)/.exec(typeof metadata === 'string' ? metadata : '')?.[1]
    const named =
      filename === undefined ? undefined : `${path.endsWith('/') ? path : `${path}/`}${Buffer.from(filename, 'base64').toString('utf8')}`
    const file = files.get(path) ?? (named === undefined ? undefined : (files.get(decodeURIComponent(named)) ?? files.get(named)))
    if (file === undefined) {
      response.writeHead(404, tusHeaders({ 'content-length': '0' })).end()
      return
    }
    count(file, 'POST (tus)')
    const length = request.headers['upload-length']
    const deferred = request.headers['upload-defer-length'] === '1'
    if ((length === undefined && !deferred) || (length !== undefined && Number(length) !== file.spec.size)) {
      fail(file, `TUS creation with Upload-Length ${String(length)} for a file of ${file.spec.size}`)
      response.writeHead(400, tusHeaders({ 'content-length': '0' })).end()
      return
    }
    const id = String(nextTusId++)
    if (file.tusId !== undefined) tusUploads.delete(file.tusId)
    file.tusId = id
    file.uploadLength = length === undefined ? undefined : Number(length)
    file.held = 0
    tusUploads.set(id, file)
    const location = new URL(`${TUS_PATH}${id}`, `http://${request.headers.host ?? '127.0.0.1'}`).href
    response.writeHead(201, tusHeaders({ location, 'upload-offset': '0', 'content-length': '0' })).end()
  }

  function tusResource(request: IncomingMessage, response: ServerResponse, file: TransferFile | undefined): void {
    if (file === undefined) {
      request.resume()
      response.writeHead(404, tusHeaders({ 'content-length': '0' })).end()
      return
    }
    const lengthHeader = (): Record<string, string> =>
      file.uploadLength === undefined ? { 'upload-defer-length': '1' } : { 'upload-length': String(file.uploadLength) }
    if (request.method === 'HEAD') {
      count(file, 'HEAD (tus)')
      request.resume()
      response.writeHead(200, tusHeaders({ 'upload-offset': String(file.held), ...lengthHeader() })).end()
      return
    }
    if (request.method !== 'PATCH') {
      request.resume()
      response.writeHead(405, tusHeaders({ 'content-length': '0' })).end()
      return
    }
    count(file, 'PATCH (tus)')
    const offset = Number(request.headers['upload-offset'])
    if (request.headers['content-type'] !== 'application/offset+octet-stream') {
      request.resume()
      response.writeHead(415, tusHeaders({ 'content-length': '0' })).end()
      return
    }
    if (offset !== file.held) {
      // Not a failure of the run: the protocol's answer to a client that lost track.
      count(file, 'PATCH (tus, 409)')
      request.resume()
      response.writeHead(409, tusHeaders({ 'upload-offset': String(file.held), 'content-length': '0' })).end()
      return
    }
    const declared = request.headers['upload-length']
    if (declared !== undefined) {
      if (Number(declared) !== file.spec.size) fail(file, `TUS Upload-Length ${declared} for a file of ${file.spec.size}`)
      file.uploadLength = Number(declared)
    }
    receive(file, request, offset, file.uploadLength ?? file.spec.size, true, (reached) => {
      if (reached === file.uploadLength) {
        file.exists = true
        file.version++
      }
      response.writeHead(204, tusHeaders({ 'upload-offset': String(reached) })).end()
    })
  }

  return createServer((request, response) => {
    // A cut or an aborted client ends the exchange; the file's counts say what happened.
    request.on('error', () => undefined)
    response.on('error', () => undefined)
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const path = decodeURIComponent(url.pathname)
    if (path === CONTROL_PATH) {
      control(request, response, url)
      return
    }
    if (path.startsWith(TUS_PATH)) {
      tusResource(request, response, tusUploads.get(path.slice(TUS_PATH.length)))
      return
    }
    switch (request.method) {
      case 'OPTIONS':
        request.resume()
        response
          .writeHead(200, {
            dav: '1, 2, <http://apache.org/dav/propset/fs/1>',
            allow: 'OPTIONS, GET, HEAD, PUT, POST, PATCH',
            'tus-version': TUS_VERSION,
            'tus-extension': 'creation,creation-defer-length',
            'tus-max-size': String(Number.MAX_SAFE_INTEGER),
            ...tusHeaders({ 'content-length': '0' }),
          })
          .end()
        return
      case 'GET':
      case 'HEAD':
        get(files.get(path), request, response)
        return
      case 'PUT':
        put(files.get(path), request, response)
        return
      case 'POST':
        tusCreate(request, response, path)
        return
      default: {
        request.resume()
        const file = files.get(path)
        if (file !== undefined) count(file, `${request.method ?? '?'} (refused)`)
        response.writeHead(405, { allow: 'OPTIONS, GET, HEAD, PUT, POST, PATCH', 'content-length': '0' }).end()
      }
    }
  })
}

/** Starts the transfer server in this process, on 127.0.0.1 and a free port. */
export function startTransferServer(): Promise<Loopback> {
  return listenOnLoopback(createTransferServer())
}

/** The line a server process prints once it listens. */
export const TRANSFER_SERVER_READY = 'TRANSFER-SERVER '

if (import.meta.main) {
  const server = await startTransferServer()
  process.stdout.write(`${TRANSFER_SERVER_READY}${server.url}\n`)
  // Ends with its parent: stdin closes when the bench exits, however it exits.
  process.stdin.resume()
  process.stdin.once('end', () => void server.close().then(() => process.exit(0)))
}
