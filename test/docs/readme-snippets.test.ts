/**
 * The TypeScript blocks of the READMEs compile against the current sources, under the project's
 * strict settings: each ```ts block is a module of its own (see markdown-snippets.ts). Those that
 * do not need the vitest runner also run, against in-memory servers (readme-network.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snippetModule, typescriptSnippets, type Snippet } from './markdown-snippets.ts'
import { describeRun, repoRoot, runNode } from './run-node.ts'

const readmes = [
  'packages/client/README.md',
  'packages/types/README.md',
  'examples/node-script/README.md',
  'examples/sync-loop/README.md',
  'examples/consumer-vitest/README.md',
  'examples/browser-page/README.md',
  'README.md',
]

let directory: string
/** The snippets, by the name of the module written for each. */
const byFile = new Map<string, Snippet>()

beforeAll(async () => {
  // Inside the repository, so that `@davkit/*`, msw, vitest and @types/node resolve as for the examples.
  directory = await mkdtemp(join(repoRoot, 'docs', '.snippets-'))
  for (const readme of readmes) {
    for (const snippet of typescriptSnippets(repoRoot, readme)) {
      const name = `${readme.replace(/[^a-z0-9]+/gi, '-')}-${snippet.line}.ts`
      byFile.set(name, snippet)
      await writeFile(join(directory, name), snippetModule(repoRoot, snippet, directory))
    }
  }
})

afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('README code blocks', () => {
  it('finds the blocks, and leaves out those marked as excerpts', () => {
    const client = typescriptSnippets(repoRoot, 'packages/client/README.md')
    expect(client.length).toBeGreaterThanOrEqual(5)
    expect(client.every((snippet) => snippet.code.includes('@davkit/'))).toBe(true)
  })

  it('every ```ts block type-checks', { timeout: 60_000 }, async () => {
    await writeFile(
      join(directory, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(directory, join(repoRoot, 'tsconfig.base.json')),
        compilerOptions: { isolatedDeclarations: false, declaration: false, declarationMap: false, noUnusedLocals: false },
        include: ['*.ts'],
      }),
    )
    const run = await runNode(['node_modules/typescript/bin/tsc', '-p', directory, '--pretty', 'false'])
    // Point each error at the README line it comes from.
    const located = run.stdout.replace(/^.*?([\w.-]+\.ts)\((\d+),(\d+)\)/gm, (whole, name: string, line: string) => {
      const snippet = byFile.get(name)
      return snippet === undefined ? whole : `${snippet.file}:${snippet.line + Number(line) - 1}`
    })
    expect(byFile.size).toBeGreaterThan(0)
    expect(run.exitCode, `${located}\n${describeRun(run)}`).toBe(0)
  })

  it('every ```ts block that needs no test runner runs without an error against the fake servers', { timeout: 90_000 }, async () => {
    const runnable = [...byFile].filter(([, snippet]) => !/from 'vitest'/.test(snippet.code))
    expect(runnable.length).toBeGreaterThanOrEqual(8)
    const preload = join(repoRoot, 'test', 'docs', 'readme-network.ts')
    const runs = await Promise.all(
      runnable.map(async ([name, snippet]) => ({
        snippet,
        run: await runNode(['--conditions=@davkit/source', '--import', preload, join(directory, name)], { timeoutMs: 60_000 }),
      })),
    )
    const failures = runs
      .filter(({ run }) => run.exitCode !== 0)
      .map(({ snippet, run }) => `${snippet.file}:${snippet.line}\n${describeRun(run)}`)
    expect(failures, failures.join('\n\n')).toEqual([])
  })
})
