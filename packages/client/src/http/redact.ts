/** The text that replaces a redacted value. */
export const REDACTED = '[REDACTED]'

// `key$` covers `Ocp-Apim-Subscription-Key`, `X-Functions-Key`...; `dpop` the proof JWT of RFC 9449.
const SENSITIVE_HEADER =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|dpop)$|token|secret|passw|session|api[-_]?key|key$|credential|signature|jwt|bearer|(?:^|-)auth(?:-|$)/i
// Lock tokens are not credentials: without the account's own credentials they grant nothing, and
// they are what one needs to see when a LOCK, UNLOCK or a conditional request goes wrong.
const LOCK_HEADERS = new Set(['lock-token', 'if'])
const SENSITIVE_QUERY = /token|secret|passw|session|api[-_]?key|auth|sig(?:nature)?$|^sig|^key$|credential|^code$|jwt|bearer/i

/** Whether a header's value must never appear in an error. Names are compared case-insensitively. */
export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return !LOCK_HEADERS.has(lower) && SENSITIVE_HEADER.test(lower)
}

// Headers whose value is a URL, which may carry credentials in its userinfo or query (a redirect
// to a pre-signed URL: `?X-Amz-Credential=...&X-Amz-Signature=...`).
const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location'])

/**
 * A plain record of headers (names in lower case) with every sensitive value replaced, and the
 * credentials in URL-valued headers (`Location`, `Content-Location`) removed. `alsoRedact` names
 * headers (lower case) to redact whatever their name: those an auth function returned.
 */
export function redactHeaders(headers: Headers, alsoRedact?: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (alsoRedact?.has(name) === true || isSensitiveHeader(name)) out[name] = REDACTED
    else if (URL_HEADERS.has(name)) out[name] = redactUrlReference(value)
    else out[name] = value
  })
  return out
}

/**
 * The URL without userinfo, and with the value of every credential-looking query parameter
 * (`access_token`, `api_key`, `sig`, `password`...) replaced. Text that is not a URL is returned
 * with anything between `//` and the last `@` removed.
 */
export function redactUrl(url: string | URL): string {
  // A URL without userinfo and query has nothing to redact: its href is the answer.
  if (typeof url !== 'string' && url.username === '' && url.password === '' && url.search === '') return url.href
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Up to the last `@`: an unencoded `/`, `?` or `#` in a password is what may have made it unparseable.
    return String(url).replace(/\/\/.*@/s, '//')
  }
  parsed.username = ''
  parsed.password = ''
  if (parsed.search !== '') {
    const query = parsed.search.slice(1)
    const redacted = redactQuery(query)
    if (redacted !== query) parsed.search = redacted
  }
  return parsed.href
}

/**
 * `redactUrl` for a header value that may be a relative reference (`/dav/x?sig=...`), which is
 * kept relative: only its query parameters (and a `//host` reference's userinfo) are redacted.
 */
function redactUrlReference(value: string): string {
  if (URL.canParse(value)) return redactUrl(value)
  const hash = value.indexOf('#')
  const beforeHash = hash < 0 ? value : value.slice(0, hash)
  const fragment = hash < 0 ? '' : value.slice(hash)
  const question = beforeHash.indexOf('?')
  const head = (question < 0 ? beforeHash : beforeHash.slice(0, question)).replace(/^\/\/.*@/s, '//')
  if (question < 0) return head + fragment
  return `${head}?${redactQuery(beforeHash.slice(question + 1))}${fragment}`
}

/** A query string (without `?`) with the value of every credential-looking parameter replaced. */
function redactQuery(query: string): string {
  const params = new URLSearchParams(query)
  let changed = false
  for (const name of new Set(params.keys())) {
    if (SENSITIVE_QUERY.test(name)) {
      params.set(name, REDACTED)
      changed = true
    }
  }
  return changed ? params.toString() : query
}

/** Removes every occurrence of the given secrets from a text (for error messages built from bodies). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }
  return out
}
