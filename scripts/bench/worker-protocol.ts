import type { DecodeContenderName } from './decode-contenders.ts'
import type { FakeServerMode } from './fake-server-suite.ts'
import type { ServedContenderName } from './served-contenders.ts'

/** What one child process measures: one contender, one size, in a fresh heap. */
export type WorkerTask =
  | {
      readonly kind: 'decode'
      readonly contender: DecodeContenderName
      readonly entries: number
      readonly warmup: number
      readonly runs: number
    }
  | {
      readonly kind: 'served'
      readonly contender: ServedContenderName
      readonly url: string
      readonly depth: 0 | 1
      /** Entries the answer holds (1 for a Depth 0 request), checked on every run. */
      readonly entries: number
      readonly warmup: number
      readonly runs: number
    }
  | {
      readonly kind: 'fake-server'
      readonly mode: FakeServerMode
      /** Consumer tests per run. */
      readonly tests: number
      readonly warmup: number
      readonly runs: number
    }

/** What the child reports back, as the last line of its stdout. */
export interface WorkerResult {
  /** Milliseconds of each measured run. */
  readonly times: readonly number[]
  /** Entries the contender produced on its last run (requests, for the fake server). */
  readonly entries: number
  /** Resident set size before the first run (modules loaded, input ready), bytes. */
  readonly baselineRss: number
  /** Peak resident set size of the process over its life, bytes (`process.resourceUsage().maxRSS`). */
  readonly peakRss: number
  /** Largest `heapUsed` seen right after a run, before collecting garbage, bytes. */
  readonly peakHeapAfterRun: number
}

/** The prefix of the result line, so that stray output of a library cannot be mistaken for it. */
export const RESULT_PREFIX = 'BENCH-RESULT '
