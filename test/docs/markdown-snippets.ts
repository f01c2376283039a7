import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'

/** A fenced ```ts block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  readonly file: string
  /** 1-based line of the first code line in the Markdown file. */
  readonly line: number
  readonly code: string
}

/** Put on the line before a ```ts fence to leave the block out: an excerpt, not a whole module. */
export const excerptMarker = '<!-- excerpt: not type-checked -->'

/** The ```ts blocks of `file` (relative to `root`), except those marked as excerpts. */
export function typescriptSnippets(root: string, file: string): Snippet[] {
  const lines = readFileSync(resolve(root, file), 'utf8').split('\n')
  const snippets: Snippet[] = []
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^```ts\s*$/.test(lines[i] ?? '')) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end += 1
    if (lines[i - 1]?.trim() !== excerptMarker) snippets.push({ file, line: start + 1, code: lines.slice(start, end).join('\n') })
    i = end
  }
  return snippets
}

/**
 * The snippet as a module placed in `directory`: relative imports are rewritten to point where
 * they pointed from the Markdown file's folder, and `export {}` makes it a module in any case.
 */
export function snippetModule(root: string, snippet: Snippet, directory: string): string {
  const from = dirname(resolve(root, snippet.file))
  const code = snippet.code.replace(/(from\s+|import\s+)'(\.\.?\/[^']+)'/g, (_match, keyword: string, path: string) => {
    let moved = relative(directory, resolve(from, path)).split('\\').join('/')
    if (!moved.startsWith('.')) moved = `./${moved}`
    return `${keyword}'${moved}'`
  })
  return `${code}\nexport {}\n`
}
