/**
 * The identity of an XML element or property: its namespace URI and local name.
 * Prefixes are never part of an identity: `D:getetag` and `d:getetag` with the
 * same namespace are the same name. Elements in no namespace have `namespace: ''`.
 */
export interface QName {
  readonly namespace: string
  readonly local: string
}

/** The WebDAV namespace URI (RFC 4918 section 21). */
export type DavNamespace = 'DAV:'

/** A QName in the `DAV:` namespace with a literal local name. */
export interface DavQName<Local extends string = string> extends QName {
  readonly namespace: DavNamespace
  readonly local: Local
}
