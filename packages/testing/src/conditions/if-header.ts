/** One condition of an `If` header list: a state token or an entity tag, possibly negated. */
export interface IfCondition {
  readonly not: boolean
  readonly kind: 'token' | 'etag'
  /** The state token URI (without angle brackets) or the entity tag (with its quotes, as sent). */
  readonly value: string
}

/** A group of lists, all about one resource: the tagged URL, or the Request-URI when `resource` is undefined. */
export interface IfGroup {
  readonly resource: string | undefined
  /** Lists; a list holds when all of its conditions do, and the group holds when any list does. */
  readonly lists: readonly (readonly IfCondition[])[]
}

/** A parsed `If` header, or why it could not be parsed. */
export type IfHeaderResult = { readonly ok: true; readonly groups: readonly IfGroup[] } | { readonly ok: false; readonly reason: string }

/** Parses an RFC 4918 section 10.4 `If` header (tagged or untagged lists, `Not`, state tokens and entity tags). */
export function parseIfHeader(header: string): IfHeaderResult {
  let index = 0
  const groups: { resource: string | undefined; lists: IfCondition[][] }[] = []
  const skipSpace = (): void => {
    while (index < header.length && /\s/.test(header[index] ?? '')) index++
  }
  const readUntil = (close: string): string | undefined => {
    const end = header.indexOf(close, index)
    if (end < 0) return undefined
    const value = header.slice(index, end)
    index = end + 1
    return value
  }
  let tagged: boolean | undefined
  skipSpace()
  if (index >= header.length) return { ok: false, reason: 'empty If header' }
  while (index < header.length) {
    const char = header[index]
    if (char === '<') {
      if (tagged === false) return { ok: false, reason: 'tagged and untagged lists are mixed' }
      tagged = true
      index++
      const resource = readUntil('>')
      if (resource === undefined) return { ok: false, reason: 'unterminated resource tag' }
      groups.push({ resource, lists: [] })
    } else if (char === '(') {
      if (tagged === undefined) {
        tagged = false
        groups.push({ resource: undefined, lists: [] })
      }
      const group = groups.at(-1)
      if (group === undefined) return { ok: false, reason: 'list without a group' }
      index++
      const list: IfCondition[] = []
      for (;;) {
        skipSpace()
        const next = header[index]
        if (next === undefined) return { ok: false, reason: 'unterminated list' }
        if (next === ')') {
          index++
          break
        }
        let not = false
        if (header.slice(index, index + 3).toLowerCase() === 'not') {
          not = true
          index += 3
          skipSpace()
        }
        const open = header[index]
        if (open === '<') {
          index++
          const token = readUntil('>')
          if (token === undefined) return { ok: false, reason: 'unterminated state token' }
          list.push({ not, kind: 'token', value: token })
        } else if (open === '[') {
          index++
          const etag = readUntil(']')
          if (etag === undefined) return { ok: false, reason: 'unterminated entity tag' }
          list.push({ not, kind: 'etag', value: etag.trim() })
        } else return { ok: false, reason: `unexpected '${open ?? ''}' in a list` }
      }
      if (list.length === 0) return { ok: false, reason: 'empty list' }
      group.lists.push(list)
    } else return { ok: false, reason: `unexpected '${char ?? ''}'` }
    skipSpace()
  }
  if (groups.some((group) => group.lists.length === 0)) return { ok: false, reason: 'resource tag without lists' }
  return { ok: true, groups }
}

/** Every state token that appears in the header (the tokens the client "submitted"). */
export function submittedTokens(groups: readonly IfGroup[]): Set<string> {
  const tokens = new Set<string>()
  for (const group of groups)
    for (const list of group.lists) for (const condition of list) if (condition.kind === 'token') tokens.add(condition.value)
  return tokens
}

/** Strong comparison of entity tags (`W/` prefixes make tags unequal only in strength, accepted here weakly). */
export function etagMatches(condition: string, current: string): boolean {
  const strip = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag)
  return strip(condition) === strip(current)
}
