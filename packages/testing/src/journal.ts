/** One request the server received, with the answer it gave. */
export interface JournalEntry {
  /** Position in the journal, from 1. */
  readonly sequence: number
  readonly method: string
  readonly url: string
  /** Decoded store path (`/docs/a.txt`), or undefined when the URL is outside the store. */
  readonly path: string | undefined
  /** Request headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The request body as UTF-8 text (replacement characters where it is not text). */
  readonly body: string
  /** The status answered, or `'network-error'` when a fault dropped the connection. */
  readonly status: number | 'network-error'
  /** Response headers, names in lower case. */
  readonly responseHeaders: Readonly<Record<string, string>>
  /** Which fault answered, if one did. */
  readonly fault: string | undefined
  readonly at: Date
}

/** What to look for in the journal; every given field must match. */
export interface JournalQuery {
  readonly method?: string
  /** Exact decoded store path, or a pattern tested against it. */
  readonly path?: string | RegExp
  readonly status?: number | 'network-error'
}

function samePath(actual: string | undefined, wanted: string | RegExp): boolean {
  if (actual === undefined) return false
  if (typeof wanted !== 'string') return wanted.test(actual)
  const trim = (value: string): string => (value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value)
  return trim(actual) === trim(wanted.startsWith('/') ? wanted : `/${wanted}`)
}

/** The requests a server has handled, in order, for tests to assert on. */
export class Journal {
  private readonly list: JournalEntry[] = []

  /** Every entry, oldest first. */
  get entries(): readonly JournalEntry[] {
    return this.list
  }

  /** Entries matching a query (all of them without one). */
  filter(query: JournalQuery = {}): JournalEntry[] {
    return this.list.filter(
      (entry) =>
        (query.method === undefined || entry.method === query.method.toUpperCase()) &&
        (query.path === undefined || samePath(entry.path, query.path)) &&
        (query.status === undefined || entry.status === query.status),
    )
  }

  /** The methods received, in order (`['PROPFIND', 'GET']`), handy for `toEqual`. */
  methods(): string[] {
    return this.list.map((entry) => entry.method)
  }

  /** The most recent entry, if any. */
  last(): JournalEntry | undefined {
    return this.list.at(-1)
  }

  /** Appends an entry (the server does this for every request). */
  record(entry: Omit<JournalEntry, 'sequence'>): void {
    this.list.push({ ...entry, sequence: this.list.length + 1 })
  }

  /** Forgets every entry. */
  clear(): void {
    this.list.length = 0
  }
}
