import type { DavPrefixStyle } from './xml/write-xml.ts'

/**
 * Habits of real servers that clients must survive. The defaults behave like Apache mod_dav;
 * each option reproduces what some server in the wild does, so consumers can test their handling of it.
 */
export interface DavDialect {
  /** `'path'` (default) writes hrefs as absolute paths; `'absolute'` as full URLs (IIS, SharePoint, iCloud). */
  readonly hrefs?: 'path' | 'absolute'
  /** Spelling of the `DAV:` namespace: a prefix (default `'D'`; `'d'` like sabre, `'a'` like Exchange) or `'default'` for `xmlns="DAV:"`. */
  readonly davPrefix?: DavPrefixStyle
  /** Order of propstats in a response: `'ok-first'` (default) or `'not-found-first'` (Nextcloud, nginx). */
  readonly propstatOrder?: 'ok-first' | 'not-found-first'
  /** Whether status lines carry a reason phrase (`HTTP/1.1 200 OK`, default) or not (`HTTP/1.1 200`). */
  readonly reasonPhrases?: boolean
  /** `'allow'` (default) answers PROPFIND Depth: infinity; `'refuse'` answers 403 `propfind-finite-depth` (Apache default, nginx). */
  readonly depthInfinity?: 'allow' | 'refuse'
  /**
   * DELETE, COPY or MOVE of a collection with members locked by someone else: `'multistatus'` (default,
   * RFC 4918) does what it can and answers 207 listing the locked members; `'apache'` does nothing and
   * answers 424 with that same multistatus body, as Apache mod_dav 2.4 does. `'apache'` also answers
   * as Apache does where it checks the parent collection: a PUT or MKCOL refused by a lock on the
   * parent is a 207 naming the new member 424 and the parent 423, and an untagged `If` list applies
   * to the parent of a DELETE too (a 424 naming the parent 412 when it does not hold there).
   */
  readonly partialFailures?: 'multistatus' | 'apache'
}

/** The dialect with every option decided. */
export type ResolvedDialect = { readonly [K in keyof DavDialect]-?: Exclude<DavDialect[K], undefined> }

/** Fills in the default dialect (Apache-like). */
export function resolveDialect(dialect: DavDialect = {}): ResolvedDialect {
  return {
    hrefs: dialect.hrefs ?? 'path',
    davPrefix: dialect.davPrefix ?? 'D',
    propstatOrder: dialect.propstatOrder ?? 'ok-first',
    reasonPhrases: dialect.reasonPhrases ?? true,
    depthInfinity: dialect.depthInfinity ?? 'allow',
    partialFailures: dialect.partialFailures ?? 'multistatus',
  }
}
