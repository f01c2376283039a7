import { joinBytes } from '../join-bytes.ts'
import type { ServerState } from '../context.ts'
import { plain } from '../responses.ts'
import { normaliseBasePath, toStorePath, type StorePath } from '../store/paths.ts'
import { headerInteger, type UploadRequest } from './upload-request.ts'
import { uploadsInProgress } from './uploads-in-progress.ts'
import { writeUploadedFile } from './write-uploaded-file.ts'

const VERSION = '1.0.0'
const EXTENSIONS = 'creation,creation-defer-length,creation-with-upload,termination'
const OFFSET_TYPE = 'application/offset+octet-stream'
/** The folder, under the base path, that upload URLs live in (apart from the store). */
const UPLOADS_SEGMENT = '.tus'

/** An upload resource: the bytes received so far, held apart from the store until complete. */
interface TusUpload {
  readonly target: StorePath
  readonly contentType: string | undefined
  length: number | undefined
  parts: Uint8Array[]
  offset: number
  /** Written into the store: its bytes let go, its offset kept for HEAD. */
  written: boolean
}

const uploads = uploadsInProgress<TusUpload>()

/** The headers a TUS 1.0 server adds to its `OPTIONS` answer (core, creation and termination). */
export function tusOptionsHeaders(): Record<string, string> {
  return { 'Tus-Resumable': VERSION, 'Tus-Version': VERSION, 'Tus-Extension': EXTENSIONS }
}

function tusPlain(status: number, body?: string, headers: Record<string, string> = {}): Response {
  return plain(status, body, { 'Tus-Resumable': VERSION, ...headers })
}

/** `Upload-Metadata`: comma-separated `key base64value` pairs (the value may be absent). */
function parseMetadata(header: string | null): Map<string, string> | undefined {
  const out = new Map<string, string>()
  if (header === null || header.trim() === '') return out
  for (const pair of header.split(',')) {
    const [key, value, extra] = pair.trim().split(' ')
    if (key === undefined || key === '' || extra !== undefined) return undefined
    try {
      out.set(
        key,
        value === undefined ? '' : new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0))),
      )
    } catch {
      return undefined
    }
  }
  return out
}

/** Appends bytes at the upload's offset, and writes the file once every byte is there. */
function take(req: UploadRequest, upload: TusUpload, id: string, bytes: Uint8Array): Response | undefined {
  if (bytes.byteLength > 0) {
    upload.parts.push(bytes.slice())
    upload.offset += bytes.byteLength
  }
  if (upload.written || upload.length === undefined || upload.offset < upload.length) return undefined
  const written = writeUploadedFile(req.state, upload.target, joinBytes(upload.parts), upload.contentType)
  // A written upload still answers HEAD with its full offset (a client whose last answer was lost
  // learns it is done), as the reference server does; one the store refused is gone.
  upload.parts = []
  upload.written = true
  if (written.ok) return undefined
  uploads(req.state).delete(id)
  return written.refusal
}

function uploadUrlPath(state: ServerState): string {
  return `${normaliseBasePath(state.basePath)}${UPLOADS_SEGMENT}/`
}

/** POST to a collection: a new upload resource for `filename` in it, its URL in `Location`. */
function create(req: UploadRequest): Response {
  const { state, request, url } = req
  const mapped = toStorePath(url.pathname, state.basePath)
  if (!mapped.ok) return plain(404, 'Not Found\n')
  const collection = state.store.get(mapped.path)
  if (collection?.kind !== 'collection') return tusPlain(404, 'Uploads are created in an existing collection.\n')
  const metadata = parseMetadata(request.headers.get('Upload-Metadata'))
  const filename = metadata?.get('filename')
  if (filename === undefined || filename === '' || filename.includes('/')) return tusPlain(400, 'Upload-Metadata must name a filename.\n')
  const length = headerInteger(request.headers.get('Upload-Length'))
  const deferred = request.headers.get('Upload-Defer-Length')?.trim() === '1'
  if ((length === undefined) === !deferred) return tusPlain(400, 'Either Upload-Length or Upload-Defer-Length: 1 is required.\n')
  const target = [...mapped.path, filename]
  if (state.store.get(target)?.kind === 'collection') return tusPlain(409, 'A collection is in the way.\n')
  const id = crypto.randomUUID()
  const filetype = metadata?.get('filetype')
  const upload: TusUpload = { target, contentType: filetype === '' ? undefined : filetype, length, parts: [], offset: 0, written: false }
  uploads(state).set(id, upload)
  const headers: Record<string, string> = { Location: `${url.origin}${uploadUrlPath(state)}${id}` }
  // creation-with-upload: a body sent with the POST is the upload's first bytes.
  if (req.body.byteLength > 0 && request.headers.get('Content-Type') === OFFSET_TYPE) {
    if (length !== undefined && req.body.byteLength > length) return tusPlain(413, 'More bytes than Upload-Length.\n')
    const refused = take(req, upload, id, req.body)
    if (refused !== undefined) return refused
    headers['Upload-Offset'] = String(upload.offset)
  } else if (length === 0) {
    // An empty file is complete as soon as it is announced.
    const refused = take(req, upload, id, new Uint8Array())
    if (refused !== undefined) return refused
  }
  return tusPlain(201, undefined, headers)
}

/** HEAD, PATCH and DELETE of an upload URL. */
function onUpload(req: UploadRequest, id: string): Response {
  const { state, request, method } = req
  const upload = uploads(state).get(id)
  if (upload === undefined) return tusPlain(404, 'No such upload.\n')
  if (method === 'HEAD') {
    const length: Record<string, string> =
      upload.length === undefined ? { 'Upload-Defer-Length': '1' } : { 'Upload-Length': String(upload.length) }
    return tusPlain(200, undefined, { 'Upload-Offset': String(upload.offset), 'Cache-Control': 'no-store', ...length })
  }
  if (method === 'DELETE') {
    uploads(state).delete(id)
    return tusPlain(204)
  }
  if (method !== 'PATCH') return tusPlain(405, 'Not Allowed\n', { Allow: 'HEAD, PATCH, DELETE, OPTIONS' })
  if (request.headers.get('Content-Type') !== OFFSET_TYPE) return tusPlain(415, `PATCH takes ${OFFSET_TYPE}.\n`)
  const offset = headerInteger(request.headers.get('Upload-Offset'))
  if (offset === undefined) return tusPlain(400, 'Upload-Offset is required.\n')
  if (offset !== upload.offset) return tusPlain(409, `The upload is at offset ${upload.offset}.\n`)
  const declared = headerInteger(request.headers.get('Upload-Length'))
  if (declared !== undefined) {
    // Told once, as the reference server has it (it refuses even the same value again).
    if (upload.length !== undefined) return tusPlain(400, 'Upload-Length is set already.\n')
    if (declared < upload.offset + (req.bodyCut ? 0 : req.body.byteLength)) return tusPlain(400, 'Upload-Length is below the bytes sent.\n')
    upload.length = declared
  }
  if (upload.length !== undefined && upload.offset + req.body.byteLength > upload.length) {
    return tusPlain(413, 'More bytes than Upload-Length.\n')
  }
  // A cut body keeps the bytes that arrived, as TUS servers do; the client learns them by HEAD.
  const refused = take(req, upload, id, req.body)
  if (refused !== undefined) return refused
  return tusPlain(204, undefined, { 'Upload-Offset': String(upload.offset) })
}

/**
 * TUS 1.0 (core, creation, creation-defer-length, creation-with-upload, termination) at every
 * collection URL, as ownCloud Infinite Scale offers it: `POST` to a collection with the file name
 * in `Upload-Metadata` makes an upload URL under `<base>.tus/`, which takes `PATCH`es at its
 * offset (409 on another one) and answers `HEAD` with it. The upload is held apart from the store
 * and written as the file when complete. `undefined` for requests that are not TUS's.
 */
export function handleTus(req: UploadRequest): Response | Promise<Response> | undefined {
  const { state, request, url, method } = req
  if (!state.uploads.tus) return undefined
  const prefix = uploadUrlPath(state)
  const isUploadUrl = url.pathname.startsWith(prefix) && url.pathname.length > prefix.length
  if (!isUploadUrl && method !== 'POST') return undefined
  if (method === 'OPTIONS') return undefined
  const version = request.headers.get('Tus-Resumable')
  if (version?.trim() !== VERSION) return tusPlain(412, 'Tus-Resumable: 1.0.0 is required.\n', { 'Tus-Version': VERSION })
  if (isUploadUrl) return onUpload(req, decodeURIComponent(url.pathname.slice(prefix.length)))
  return create(req)
}
