import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireServer } from './availability.ts'
import type { BasicAuth } from './types.ts'

/** The litmus suites, in the order litmus runs them. */
export type LitmusSuite = 'basic' | 'copymove' | 'props' | 'locks' | 'http'

/** All suites. */
export const allLitmusSuites: readonly LitmusSuite[] = ['basic', 'copymove', 'props', 'locks', 'http']

/** One failed test, as litmus names it. */
export interface LitmusFailure {
  readonly index: number
  readonly test: string
  readonly message: string
}

/** One suite's outcome, from its `<- summary for ...` line and its FAIL lines. */
export interface LitmusSuiteResult {
  readonly suite: LitmusSuite
  readonly run: number
  readonly passed: number
  readonly failed: number
  readonly warnings: number
  /** Tests litmus skipped because one they depend on failed. */
  readonly skipped: number
  readonly failures: readonly LitmusFailure[]
}

/** Options of {@link runLitmus}. */
export interface LitmusOptions {
  /** Which suites to run (all by default). Each runs as its own litmus process. */
  readonly suites?: readonly LitmusSuite[]
  readonly basicAuth?: BasicAuth
  /** Per-suite time limit in milliseconds (30 s by default). */
  readonly timeoutMs?: number
}

const summaryPattern = /<- summary for [`'](\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed\./
/** A test's start (`\r 9. move....`), or an outcome: FAIL with its message up to `)` + newline. */
const eventPattern = /(?:^|[\r\n])[ \t]*(\d+)\. (\w+)\.*|\bFAIL(?: \(([\s\S]*?)\)\n)?/g
const skippedPattern = /-> (\d+) tests? (?:was|were) skipped/
const warningsPattern = /-> (\d+) warnings? (?:was|were) issued/

/**
 * Parses the output of one litmus suite. Throws when there is no summary line: a crash or a
 * refused connection must not read as "0 tests".
 */
export function parseLitmusOutput(suite: LitmusSuite, output: string): LitmusSuiteResult {
  const summary = summaryPattern.exec(output)
  if (summary === null || summary[1] !== suite) {
    throw new Error(`litmus ${suite}: no summary line in its output:\n${output.slice(-2_000)}`)
  }
  const failures: LitmusFailure[] = []
  let current: { index: number; test: string } | undefined
  for (const match of output.matchAll(eventPattern)) {
    if (match[1] !== undefined && match[2] !== undefined) {
      current = { index: Number(match[1]), test: match[2] }
    } else if (current !== undefined) {
      // A warning can push the outcome onto a later line: it belongs to the last test started.
      failures.push({ ...current, message: (match[3] ?? '').trim() })
      current = undefined
    }
  }
  const warnings = warningsPattern.exec(output)
  const skipped = skippedPattern.exec(output)
  return {
    suite,
    run: Number(summary[2]),
    passed: Number(summary[3]),
    failed: Number(summary[4]),
    warnings: warnings === null ? 0 : Number(warnings[1]),
    skipped: skipped === null ? 0 : Number(skipped[1]),
    failures,
  }
}

function runOneSuite(litmus: string, url: string, suite: LitmusSuite, cwd: string, options: LitmusOptions): Promise<string> {
  const args = [url]
  if (options.basicAuth !== undefined) args.push(options.basicAuth.username, options.basicAuth.password)
  const timeoutMs = options.timeoutMs ?? 30_000
  return new Promise((resolve, reject) => {
    const child = spawn(litmus, args, { cwd, env: { ...process.env, TESTS: suite }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`litmus ${suite} against ${url} took longer than ${timeoutMs} ms:\n${output.slice(-2_000)}`))
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`litmus: ${error.message}`))
    })
    // litmus exits non-zero when a test fails; the summary line says what happened.
    child.once('close', () => {
      clearTimeout(timer)
      resolve(output)
    })
  })
}

/**
 * Runs litmus against `url`, one process per suite (litmus stops at the first failing suite when
 * given several), in a temporary working directory, and returns each suite's numbers.
 *
 * @example
 * const results = await runLitmus(server.url, { suites: ['basic', 'props'] })
 * console.log(formatLitmusResults(results))
 */
export async function runLitmus(url: string, options: LitmusOptions = {}): Promise<LitmusSuiteResult[]> {
  const litmus = requireServer('litmus')
  const cwd = await mkdtemp(join(tmpdir(), 'davkit-litmus-'))
  try {
    const results: LitmusSuiteResult[] = []
    for (const suite of options.suites ?? allLitmusSuites) {
      const output = await runOneSuite(litmus, url, suite, cwd, options)
      results.push(parseLitmusOutput(suite, output))
    }
    return results
  } finally {
    await rm(cwd, { recursive: true, force: true })
  }
}

/** One line per suite, `basic 16/16` plus the names of the failed tests. */
export function formatLitmusResults(results: readonly LitmusSuiteResult[]): string {
  return results
    .map((result) => {
      const failed = result.failures.map((failure) => failure.test).join(', ')
      return `${result.suite.padEnd(8)} ${result.passed}/${result.run}${failed === '' ? '' : `  failed: ${failed}`}`
    })
    .join('\n')
}
