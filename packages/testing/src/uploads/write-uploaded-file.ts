import type { ServerState } from '../context.ts'
import { plain } from '../responses.ts'
import { contentTypeFor } from '../store/content-type.ts'
import type { StorePath } from '../store/paths.ts'
import { bytesOf } from '../store/resource.ts'

/** The file an upload mechanism assembled, written into the store, or the answer refusing it. */
export type UploadWrite =
  | { readonly ok: true; readonly created: boolean; readonly etag: string }
  | { readonly ok: false; readonly refusal: Response }

/**
 * Writes a completed upload as the file at `path`, as a PUT of the whole content would (locks are
 * not looked at: the mechanisms' own requests carry no `If` header): 409 without a parent
 * collection or onto a collection, 412 over an existing file when `overwrite` is false, 507 beyond
 * the quota.
 */
export function writeUploadedFile(
  state: ServerState,
  path: StorePath,
  content: Uint8Array,
  contentType: string | undefined,
  overwrite = true,
): UploadWrite {
  const { store } = state
  const name = path.at(-1)
  const existing = store.get(path)
  if (name === undefined || existing?.kind === 'collection') return { ok: false, refusal: plain(409, 'A collection is in the way.\n') }
  if (store.parentCollection(path) === undefined) return { ok: false, refusal: plain(409, 'The parent collection does not exist.\n') }
  if (existing !== undefined && !overwrite) return { ok: false, refusal: plain(412, 'The destination exists.\n') }
  const removed = existing?.kind === 'file' ? existing.content.byteLength : 0
  if (state.quotaBytes !== undefined && bytesOf(store.root) - removed + content.byteLength > state.quotaBytes) {
    return { ok: false, refusal: plain(507, 'Insufficient Storage\n') }
  }
  if (existing !== undefined) {
    store.writeContent(existing, content, contentType === undefined ? undefined : contentTypeFor(name, contentType))
    return { ok: true, created: false, etag: existing.etag }
  }
  const file = store.newFile(content, contentTypeFor(name, contentType ?? null))
  store.attach(path, file)
  return { ok: true, created: true, etag: file.etag }
}
