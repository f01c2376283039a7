/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): its scheme and parameters. */
export interface Challenge {
  /** The scheme, lower case: `digest`, `basic`, `bearer`... */
  readonly scheme: string
  /** Parameter names lower case; quoted values unquoted. (A `token68`, as Negotiate sends, is skipped.) */
  readonly params: Readonly<Record<string, string>>
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/

/**
 * Reads every challenge of a `WWW-Authenticate` value (several headers arrive joined by `, `).
 * Lenient where servers are: unknown or broken parts are skipped, never thrown on.
 */
export function parseChallenges(header: string | null): Challenge[] {
  if (header === null) return []
  const challenges: Challenge[] = []
  let rest = header
  let current: { scheme: string; params: Record<string, string> } | undefined
  const skipSpace = (): void => {
    rest = rest.replace(/^[\s,]+/, '')
  }
  skipSpace()
  while (rest.length > 0) {
    const name = TOKEN.exec(rest)?.[0]
    const after = name === undefined ? '' : rest.slice(name.length).replace(/^\s*/, '')
    if (name === undefined || /^=+\s*(,|$)/.test(after)) {
      // Something unreadable, or a token68 (`abc==`): skip to the next comma.
      const comma = rest.indexOf(',')
      rest = comma < 0 ? '' : rest.slice(comma + 1)
      skipSpace()
      continue
    }
    if (current !== undefined && after.startsWith('=')) {
      // name = value, a parameter of the current challenge.
      rest = after.slice(1).replace(/^\s*/, '')
      let value: string
      if (rest.startsWith('"')) {
        let i = 1
        value = ''
        while (i < rest.length && rest[i] !== '"') {
          if (rest[i] === '\\' && i + 1 < rest.length) i++
          value += rest[i]
          i++
        }
        rest = rest.slice(i + 1)
      } else {
        value = TOKEN.exec(rest)?.[0] ?? ''
        rest = rest.slice(value.length)
      }
      current.params[name.toLowerCase()] = value
      skipSpace()
      continue
    }
    // A new challenge: its scheme, then its parameters.
    current = { scheme: name.toLowerCase(), params: {} }
    challenges.push(current)
    rest = after
    skipSpace()
  }
  return challenges
}
