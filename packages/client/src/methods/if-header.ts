import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'

/** A lock token to submit, optionally tagged with the root of its lock (a collection locked with Depth infinity). */
export interface LockSubmission {
  /** The lock token URI, as `lock` returned it (`opaquelocktoken:...`), without angle brackets. */
  readonly token: string
  /** The resource the lock is on, when it is not the request URL itself (a parent collection). */
  readonly root?: DavTarget
}

/**
 * The locks a write submits: a grant from `lock` (its `token` and `root`), `{ token, root }`, a
 * bare token (tagged with the request URL), or several (a MOVE between two locked trees).
 */
export type LockTokens = string | LockSubmission | readonly (string | LockSubmission)[]

/** One condition of an `If` list (RFC 4918 section 10.4): a state token or an entity tag, maybe negated. */
export type IfCondition =
  | { readonly kind: 'token'; readonly token: string; readonly not?: boolean }
  | { readonly kind: 'etag'; readonly etag: string; readonly not?: boolean }

/** One `If` list: its conditions must all hold; `resource` tags it (an absolute URL), else it is about the request URL. */
export interface IfList {
  readonly resource?: string | undefined
  readonly conditions: readonly IfCondition[]
}

const TOKEN = /^[^\s<>]+$/
const ENTITY_TAG = /^(W\/)?"[^"]*"$/

function condition(c: IfCondition): string {
  const not = c.not === true ? 'Not ' : ''
  if (c.kind === 'token') {
    if (!TOKEN.test(c.token)) throw new InvalidRequestError(`lock token ${JSON.stringify(c.token)} is not a URI`)
    return `${not}<${c.token}>`
  }
  if (!ENTITY_TAG.test(c.etag)) {
    throw new InvalidRequestError(`entity tag ${JSON.stringify(c.etag)} must be quoted, e.g. "abc" or W/"abc"`)
  }
  return `${not}[${c.etag}]`
}

/**
 * Builds an `If` header value (RFC 4918 section 10.4). Lists are alternatives (any may hold);
 * conditions inside a list must all hold. Tagged and untagged lists cannot be mixed.
 *
 * @example
 * buildIfHeader([{ conditions: [{ kind: 'token', token: 'opaquelocktoken:abc' }] }]) // '(<opaquelocktoken:abc>)'
 */
export function buildIfHeader(lists: readonly IfList[]): string {
  if (lists.length === 0) throw new InvalidRequestError('an If header needs at least one list')
  const tagged = lists.filter((l) => l.resource !== undefined).length
  if (tagged !== 0 && tagged !== lists.length) throw new InvalidRequestError('If lists must be all tagged or all untagged')
  const parts: string[] = []
  let lastTag: string | undefined
  for (const list of lists) {
    if (list.conditions.length === 0) throw new InvalidRequestError('an If list needs at least one condition')
    const body = `(${list.conditions.map(condition).join(' ')})`
    if (list.resource !== undefined && list.resource !== lastTag) {
      if (/[\s<>]/.test(list.resource)) throw new InvalidRequestError('an If resource tag must be an encoded URL')
      parts.push(`<${list.resource}> ${body}`)
      lastTag = list.resource
    } else {
      parts.push(body)
    }
  }
  return parts.join(' ')
}

function submissionsOf(tokens: LockTokens): LockSubmission[] {
  const all: readonly (string | LockSubmission)[] =
    typeof tokens === 'string' || !Array.isArray(tokens) ? [tokens as string | LockSubmission] : tokens
  return all.map((t) =>
    typeof t === 'string' || t.root === undefined ? { token: typeof t === 'string' ? t : t.token } : { token: t.token, root: t.root },
  )
}

/**
 * The tagged `If` lists that submit lock tokens: one list per token, tagged with its lock's
 * `root`, or with `requestUrl` for a bare token. Tagging matters: an untagged list applies to
 * every resource the server checks, the parent included, so Apache refuses a DELETE of a locked
 * file with its own untagged token (412 for the parent).
 */
export function lockIfLists(baseUrl: URL, requestUrl: URL, tokens: LockTokens): IfList[] {
  const submissions = submissionsOf(tokens)
  if (submissions.length === 0) throw new InvalidRequestError('no lock token given')
  return submissions.map((s) => ({
    resource: s.root === undefined ? requestUrl.href : resolveTarget(baseUrl, s.root).href,
    conditions: [{ kind: 'token', token: s.token }],
  }))
}

/**
 * The `If` header that submits lock tokens for a write (RFC 4918 section 10.4), every list tagged:
 * a token with a `root` (a grant from `lock`) by that resource, a bare token by `requestUrl`.
 *
 * @example
 * lockIfHeader(new URL('https://dav.example/'), new URL('https://dav.example/a.txt'), 'opaquelocktoken:abc')
 * // '<https://dav.example/a.txt> (<opaquelocktoken:abc>)'
 */
export function lockIfHeader(baseUrl: URL, requestUrl: URL, tokens: LockTokens): string {
  return buildIfHeader(lockIfLists(baseUrl, requestUrl, tokens))
}

/**
 * Sets the `If` header of `headers` for the lock tokens of each URL a write touches (the request
 * URL, and a COPY or MOVE destination); nothing when no token is given.
 */
export function applyLockTokens(headers: Headers, base: URL, ...sides: readonly (readonly [URL, LockTokens | undefined])[]): void {
  const lists = sides.flatMap(([url, tokens]) => (tokens === undefined ? [] : lockIfLists(base, url, tokens)))
  if (lists.length > 0) headers.set('if', buildIfHeader(lists))
}
