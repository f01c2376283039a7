/**
 * Relative links of the hand-written docs point at files that exist (the API reference checks its
 * own links through TypeDoc).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './run-node.ts'

/** Markdown files, and the folder their relative links start from. */
const documents: readonly { readonly file: string; readonly base: string }[] = [
  ...[
    'packages/client/README.md',
    'packages/types/README.md',
    'examples/README.md',
    'examples/node-script/README.md',
    'examples/browser-page/README.md',
    'examples/consumer-vitest/README.md',
    'examples/sync-loop/README.md',
    'docs/README.md',
  ].map((file) => ({ file, base: dirname(file) })),
  { file: 'README.md', base: '.' },
]

/** The relative link targets of a Markdown text (inline links, without the `#fragment`). */
function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  const targets: string[] = []
  for (const match of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1] ?? ''
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue
    targets.push(target.replace(/#.*$/, ''))
  }
  return targets
}

describe('links of the docs', () => {
  it('finds relative links, ignoring code, URLs and fragments', () => {
    const text = 'See [a](a.md#x), [b](https://x.test/), [c](#top) and `[d](d.md)`.\n```\n[e](e.md)\n```\n'
    expect(relativeLinks(text)).toEqual(['a.md'])
  })

  for (const { file, base } of documents) {
    it(`${file}: every relative link exists`, () => {
      const links = relativeLinks(readFileSync(resolve(repoRoot, file), 'utf8'))
      const broken = links.filter((target) => !existsSync(resolve(repoRoot, base, target)))
      expect(broken, `broken links in ${file}`).toEqual([])
    })
  }
})
