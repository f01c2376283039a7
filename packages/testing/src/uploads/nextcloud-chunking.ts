import { plain } from '../responses.ts'
import { statusLine } from '../status-text.ts'
import { toStorePath, type StorePath } from '../store/paths.ts'
import { writeXml } from '../xml/write-xml.ts'
import { dav, text, type XmlElement } from '../xml/xml-node.ts'
import { headerInteger, type UploadRequest } from './upload-request.ts'
import { uploadsInProgress } from './uploads-in-progress.ts'
import { writeUploadedFile } from './write-uploaded-file.ts'

/** Nextcloud's bounds on chunk v2: numbers 1 to 10000, every chunk but the last 5 MiB to 5 GiB. */
export const NEXTCLOUD_MIN_CHUNK: number = 5 * 1024 * 1024
const MAX_CHUNK = 5 * 1024 * 1024 * 1024
const MAX_CHUNK_NUMBER = 10_000

/** One upload folder: where the file goes, and the chunks received whole, by number. */
interface UploadFolder {
  /** The `Destination` given at MKCOL, as sent; every later request must name the same. */
  readonly destination: string
  readonly target: StorePath
  totalLength: number | undefined
  readonly chunks: Map<number, Uint8Array>
}

const folders = uploadsInProgress<UploadFolder>()

/** The store path a `Destination` names, when it is a URL (or absolute path) under the files base path. */
function destinationPath(req: UploadRequest, destination: string): StorePath | undefined {
  if (!URL.canParse(destination, req.url)) return undefined
  const url = new URL(destination, req.url)
  if (url.origin !== req.url.origin) return undefined
  const mapped = toStorePath(url.pathname, req.state.basePath)
  return mapped.ok && mapped.path.length > 0 ? mapped.path : undefined
}

/** A PROPFIND answer listing the folder and, at depth 1, its chunks with their sizes. */
function listing(req: UploadRequest, folderPath: string, folder: UploadFolder, depth: string): Response {
  const ok = dav('status', [text(statusLine(200, req.state.dialect.reasonPhrases))])
  const entry = (href: string, props: XmlElement[]): XmlElement =>
    dav('response', [dav('href', [text(href)]), dav('propstat', [dav('prop', props), ok])])
  const responses = [entry(folderPath, [dav('resourcetype', [dav('collection')])])]
  if (depth !== '0') {
    for (const [number, bytes] of [...folder.chunks].sort(([a], [b]) => a - b)) {
      responses.push(entry(`${folderPath}${number}`, [dav('resourcetype'), dav('getcontentlength', [text(String(bytes.byteLength))])]))
    }
  }
  return new Response(writeXml(dav('multistatus', responses), req.state.dialect.davPrefix), {
    status: 207,
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  })
}

/** MOVE of `.file`: the chunks, checked and put together, written to the destination. */
function assemble(req: UploadRequest, id: string, folder: UploadFolder): Response {
  const { request, state } = req
  const numbers = [...folder.chunks.keys()].sort((a, b) => a - b)
  if (numbers.some((number, index) => number !== index + 1)) return plain(400, 'Chunks must be numbered 1, 2, 3... without gaps.\n')
  const sizes = numbers.map((number) => folder.chunks.get(number)?.byteLength ?? 0)
  if (sizes.slice(0, -1).some((size) => size < NEXTCLOUD_MIN_CHUNK)) return plain(400, 'Every chunk but the last must be at least 5 MiB.\n')
  const total = sizes.reduce((sum, size) => sum + size, 0)
  const declared = headerInteger(request.headers.get('OC-Total-Length'))
  if (declared !== undefined && declared !== total) return plain(400, `OC-Total-Length ${declared} is not the ${total} bytes uploaded.\n`)
  const content = new Uint8Array(total)
  let at = 0
  for (const number of numbers) {
    const chunk = folder.chunks.get(number) ?? new Uint8Array()
    content.set(chunk, at)
    at += chunk.byteLength
  }
  const overwrite = request.headers.get('Overwrite')?.trim().toUpperCase() !== 'F'
  const written = writeUploadedFile(state, folder.target, content, undefined, overwrite)
  if (!written.ok) return written.refusal
  folders(state).delete(id)
  const mtime = headerInteger(request.headers.get('X-OC-Mtime'))
  const headers: Record<string, string> = { ETag: written.etag, 'OC-ETag': written.etag }
  if (mtime !== undefined) {
    const file = state.store.get(folder.target)
    if (file !== undefined) file.modified = new Date(mtime * 1000)
    headers['X-OC-MTime'] = 'accepted'
  }
  return plain(written.created ? 201 : 204, written.created ? 'Created\n' : undefined, headers)
}

/**
 * Nextcloud chunked upload v2 under `uploads.nextcloudChunking.uploadsPath`, as Nextcloud's
 * developer documentation describes it: `MKCOL` of an upload folder with `Destination`; chunk
 * `PUT`s numbered 1 to 10000 with the same `Destination` (and `OC-Total-Length`, checked against
 * the one given before); `PROPFIND` of the folder lists the chunks held; a `MOVE` of `.file` with
 * that `Destination` checks numbering, sizes (5 MiB at least but for the last) and
 * `OC-Total-Length`, then writes the file and removes the folder; `DELETE` drops the folder. A
 * cut chunk `PUT` keeps nothing. `undefined` for requests outside the uploads path.
 */
export function handleNextcloudChunking(req: UploadRequest): Response | undefined {
  const { state, request, url, method } = req
  const base = state.uploads.nextcloudUploadsPath
  if (base === undefined || !url.pathname.startsWith(base)) return undefined
  const [idSegment, member, extra] = url.pathname.slice(base.length).split('/')
  if (idSegment === undefined || idSegment === '' || extra !== undefined) {
    return method === 'PROPFIND' || method === 'OPTIONS'
      ? plain(403, 'The uploads home is not listed here.\n')
      : plain(405, 'Not Allowed\n')
  }
  const id = decodeURIComponent(idSegment)
  const folderPath = `${base}${idSegment}/`
  const folder = folders(state).get(id)
  const destination = request.headers.get('Destination')
  const isFolder = member === undefined || member === ''

  if (isFolder && method === 'MKCOL') {
    if (folder !== undefined) return plain(405, 'The upload folder exists.\n')
    if (destination === null) return plain(400, 'Chunked upload v2 needs a Destination header.\n')
    const target = destinationPath(req, destination)
    if (target === undefined) return plain(400, 'The Destination is not a file under the files base path.\n')
    folders(state).set(id, { destination, target, totalLength: headerInteger(request.headers.get('OC-Total-Length')), chunks: new Map() })
    return plain(201, 'Created\n')
  }
  if (folder === undefined) return plain(404, 'No such upload folder.\n')
  if (isFolder && method === 'PROPFIND') return listing(req, folderPath, folder, request.headers.get('Depth') ?? 'infinity')
  if (isFolder && method === 'DELETE') {
    folders(state).delete(id)
    return plain(204)
  }
  if (isFolder || member === undefined) return plain(405, 'Not Allowed\n')
  if (destination === null) return plain(400, 'Chunked upload v2 needs a Destination header.\n')
  if (destination !== folder.destination) return plain(400, 'The Destination differs from the upload folder’s.\n')
  const total = headerInteger(request.headers.get('OC-Total-Length'))
  if (total !== undefined && folder.totalLength !== undefined && total !== folder.totalLength) {
    return plain(400, 'OC-Total-Length differs from the one given before.\n')
  }
  if (method === 'MOVE' && member === '.file') return assemble(req, id, folder)
  if (method !== 'PUT') return plain(405, 'Not Allowed\n')
  const number = /^\d{1,5}$/.test(member) ? Number(member) : undefined
  if (number === undefined || number < 1 || number > MAX_CHUNK_NUMBER) return plain(400, 'Chunks are numbered 1 to 10000.\n')
  if (req.body.byteLength > MAX_CHUNK) return plain(413, 'A chunk is at most 5 GiB.\n')
  if (total !== undefined) folder.totalLength = total
  // A chunk that did not arrive whole is not kept.
  if (req.bodyCut) return plain(400, 'The chunk did not arrive whole.\n')
  const replaced = folder.chunks.has(number)
  folder.chunks.set(number, req.body.slice())
  return plain(replaced ? 204 : 201, replaced ? undefined : 'Created\n')
}
