import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { resolveTarget, type DavTarget } from '../paths/resolve-target.ts'

/** A lock token to submit, optionally tagged with the root of its lock (a collection locked with Depth infinity). */
export interface LockSubmission {
  /** The lock token URI, as `lock` returned it (`opaquelocktoken:...`), without angle brackets. */
  readonly token: string
  /** The resource the lock is on, when it is not the request URL itself (a parent collection). */
  readonly root?: DavTarget
}

/** What a write method accepts to act under a lock: one token, or several (a MOVE between two locked trees). */
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

/**
 * The `If` header that submits lock tokens for a write: one list per token; a token with a
 * `root` is tagged with that resource's URL, and then every token is (the If grammar allows no
 * mixing), an untagged token being tagged with the request URL.
 */
export function lockIfHeader(base: URL, requestUrl: URL, tokens: LockTokens): string {
  const all = (typeof tokens === 'string' || !Array.isArray(tokens) ? [tokens] : tokens) as readonly (string | LockSubmission)[]
  const submissions = all.map((t): LockSubmission => (typeof t === 'string' ? { token: t } : t))
  if (submissions.length === 0) throw new InvalidRequestError('no lock token given')
  const anyRoot = submissions.some((s) => s.root !== undefined)
  return buildIfHeader(
    submissions.map((s) => ({
      resource: anyRoot ? (s.root === undefined ? requestUrl.href : resolveTarget(base, s.root).href) : undefined,
      conditions: [{ kind: 'token', token: s.token }],
    })),
  )
}

/** Sets the `If` header of `headers` when lock tokens are given. */
export function applyLockTokens(headers: Headers, base: URL, url: URL, tokens: LockTokens | undefined): void {
  if (tokens !== undefined) headers.set('if', lockIfHeader(base, url, tokens))
}
