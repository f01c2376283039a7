import type { DecodeContenderName } from './decode-contenders.ts'
import type { FakeServerMode } from './fake-server-suite.ts'
import type { ServedContenderName } from './served-contenders.ts'
import type { TransferContenderName } from './transfer-contenders.ts'
import type { TransferCounts } from './transfer-server.ts'

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
  | {
      readonly kind: 'transfer'
      readonly contender: TransferContenderName
      /** The transfer server's base URL. */
      readonly url: string
      /** The file's path on it, fresh for each run. */
      readonly path: string
      readonly size: number
      readonly chunkSize: number
      /** Fractions of the size at which the server cuts the connection (none for a baseline). */
      readonly cuts: readonly number[]
      /** A file on disk holding the content, for contenders that upload from a file. */
      readonly sourceFile?: string
    }

/** What a transfer run adds to its {@link WorkerResult}: the server's counts and the client's own. */
export interface TransferDetail {
  readonly server: TransferCounts
  /** Resumes the client reported (undefined when it does not say). */
  readonly resumes: number | undefined
  /** Request body bytes the client says it sent. */
  readonly clientBytesSent: number | undefined
  readonly mechanism: string | undefined
  /**
   * JS heap plus ArrayBuffer bytes still reachable after the transfer and a full collection: what
   * the process holds, as against the garbage a peak RSS also counts.
   */
  readonly heldAfterGc: number
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
  /**
   * Largest `heapTotal` seen right after a run: the V8 heap committed, young generation included,
   * which garbage not yet collected keeps resident (absent for a transfer).
   */
  readonly peakHeapCommittedAfterRun?: number
  /** For a transfer: what moved, as the server and the client counted it. */
  readonly transfer?: TransferDetail
}

/** The prefix of the result line, so that stray output of a library cannot be mistaken for it. */
export const RESULT_PREFIX = 'BENCH-RESULT '
