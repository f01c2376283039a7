/** The text that replaces a redacted value. */
export const REDACTED = '[REDACTED]'

const SENSITIVE_HEADER =
  /^(?:authorization|proxy-authorization|cookie|set-cookie)$|token|secret|passw|session|api[-_]?key|(?:^|-)auth(?:-|$)/i
// Lock tokens are not credentials: without the account's own credentials they grant nothing, and
// they are what one needs to see when a LOCK, UNLOCK or a conditional request goes wrong.
const LOCK_HEADERS = new Set(['lock-token', 'if'])
const SENSITIVE_QUERY =
  /token|secret|passw|session|api[-_]?key|auth|sig(?:nature)?$|^sig|^key$|credential|^code$|jwt|bearer/i

/** Whether a header's value must never appear in an error. Names are compared case-insensitively. */
export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return !LOCK_HEADERS.has(lower) && SENSITIVE_HEADER.test(lower)
}

/** A plain record of headers (names in lower case) with every sensitive value replaced. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] = isSensitiveHeader(name) ? REDACTED : value
  })
  return out
}

/**
 * The URL without userinfo, and with the value of every credential-looking query parameter
 * (`access_token`, `api_key`, `sig`, `password`...) replaced. Text that is not a URL is returned
 * with anything between `//` and `@` removed.
 */
export function redactUrl(url: string | URL): string {
  // A URL without userinfo and query has nothing to redact: its href is the answer.
  if (typeof url !== 'string' && url.username === '' && url.password === '' && url.search === '') return url.href
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return String(url).replace(/\/\/[^/?#@]*@/, '//')
  }
  parsed.username = ''
  parsed.password = ''
  if (parsed.search !== '') {
    const params = new URLSearchParams(parsed.search)
    let changed = false
    for (const name of new Set(params.keys())) {
      if (SENSITIVE_QUERY.test(name)) {
        params.set(name, REDACTED)
        changed = true
      }
    }
    if (changed) parsed.search = params.toString()
  }
  return parsed.href
}

/** Removes every occurrence of the given secrets from a text (for error messages built from bodies). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }
  return out
}
