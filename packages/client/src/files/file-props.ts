import type { FileEntry, PropertyResult, PropfindResource } from '@davkit/types'
import {
  davCreationDate,
  davDisplayName,
  davGetContentLength,
  davGetContentType,
  davGetEtag,
  davGetLastModified,
  davResourceType,
} from '../properties/dav-codecs.ts'
import type { DavProps } from '../properties/dav-props.ts'
import { isCollection } from '../properties/resource-type.ts'
import { filePathOf } from '../paths/file-path.ts'

/** The properties the file layer asks for, by the field they fill (a type alias, so that it is a `PropRequest`). */
export type FileProps = {
  readonly type: DavProps['resourcetype']
  readonly size: DavProps['getcontentlength']
  readonly modified: DavProps['getlastmodified']
  readonly created: DavProps['creationdate']
  readonly etag: DavProps['getetag']
  readonly contentType: DavProps['getcontenttype']
  readonly displayName: DavProps['displayname']
}

/**
 * The codecs of {@link FileProps}: named one by one rather than read from `davProps`, so that a
 * bundler that does not trust `sideEffects: false` can still leave the other codecs out.
 */
export const fileProps: FileProps = {
  type: davResourceType,
  size: davGetContentLength,
  modified: davGetLastModified,
  created: davCreationDate,
  etag: davGetEtag,
  contentType: davGetContentType,
  displayName: davDisplayName,
}

function valueOf<T>(result: PropertyResult<T>): T | undefined {
  return result.kind === 'value' ? result.value : undefined
}

/**
 * The path of a resource relative to the base URL, decoded, without trailing slash: `''` for the
 * base itself. An href on another origin or outside the base keeps its absolute decoded path.
 */
export function relativePath(base: URL, resource: { readonly url: string | undefined; readonly path: string }): string {
  return filePathOf(base, { raw: resource.path, ...resource })
}

/**
 * Builds a {@link FileEntry} from a PROPFIND resource decoded with {@link fileProps}. A resource
 * whose `resourcetype` is not a decoded value (its propstat failed, or it is missing or invalid)
 * is `unknown`, never assumed to be a file.
 */
export function toFileEntry(base: URL, resource: PropfindResource<FileProps>): FileEntry {
  const { props } = resource
  const path = relativePath(base, resource.href)
  const slash = path.lastIndexOf('/')
  const common = {
    path,
    name: slash === -1 ? path : path.slice(slash + 1),
    href: resource.href,
    modified: valueOf(props.modified),
    created: valueOf(props.created),
    etag: valueOf(props.etag)?.raw,
    displayName: valueOf(props.displayName),
  }
  if (props.type.kind !== 'value') return { kind: 'unknown', ...common }
  if (isCollection(props.type)) return { kind: 'collection', ...common }
  return { kind: 'file', ...common, size: valueOf(props.size), contentType: valueOf(props.contentType) }
}
