/**
 * `pnpm bench`: davkit's decoding, listings served over HTTP (whole and streamed) and per-request
 * round trips side by side with saxes alone, the `webdav` package and tsdav, on the same generated
 * Apache-shaped listings. The packages are built first and measured as users get them (`dist/`).
 * Each measurement runs in its own process (fresh heap, its own peak RSS), in rounds that rotate
 * the contenders' order; times are medians of all runs, peak RSS the median of the processes.
 * Prints the tables, and each target as MET or MISSED.
 *
 * Transfers: a file (1 GiB by default) downloaded and uploaded over 127.0.0.1 with the connection
 * cut at 30%, 60% and 90%, against one plain GET and PUT of the same round, the server in a process
 * of its own (`bench/transfer-server.ts`) checking every byte.
 *
 * Options: `--quick` (1,000 and 10,000 entries only, 10^5 streamed, fewer rounds);
 * `--only=decode,served,streamed,overhead,fake,transfers`; `--transfer-size=64MiB` (default 1GiB) and
 * `--transfer-chunk=8MiB` (the upload chunk size, default 8 MiB). Not part of the tests; takes
 * several minutes in full.
 *
 * To profile one contender, build the packages and run its child alone under the profiler, e.g.
 * `node --expose-gc --cpu-prof scripts/bench/worker.ts
 * '{"kind":"decode","contender":"davkit","entries":10000,"warmup":1,"runs":8}'`
 * and open the `.cpuprofile` in Chrome DevTools.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createStyler, wantsColour } from './demo/style.ts'
import { renderTable } from './demo/table.ts'
import { generateListing } from './bench/listing-body.ts'
import {
  fasterThanBest,
  measurementTable,
  memoryCeiling,
  memoryShare,
  speedTarget,
  targetLines,
  timingOf,
  type Measurement,
  type TargetCheck,
} from './bench/report.ts'
import { runWorker } from './bench/run-worker.ts'
import { startStaticServer } from './bench/static-server.ts'
import { formatBytes, formatMs, parseByteSize, summarize } from './bench/stats.ts'
import { startStreamingServer } from './bench/streaming-server.ts'
import { TRANSFER_RETRY, TRANSFER_ROLES, TRANSFER_TIMEOUT_MS, type TransferContenderName } from './bench/transfer-contenders.ts'
import { writeContentFile } from './bench/transfer-content.ts'
import { spawnTransferServer } from './bench/transfer-control.ts'
import { bundleWorker } from './bench/worker-bundle.ts'
import { transferTable, transferTargets, type TransferMeasurement } from './bench/report.ts'
import type { WorkerResult, WorkerTask } from './bench/worker-protocol.ts'

const SECTIONS = ['decode', 'served', 'streamed', 'overhead', 'fake', 'transfers'] as const
type Section = (typeof SECTIONS)[number]

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const onlyArgument = args.find((arg) => arg.startsWith('--only='))
const only = new Set<Section>(
  onlyArgument === undefined
    ? SECTIONS
    : onlyArgument
        .slice('--only='.length)
        .split(',')
        .filter((s): s is Section => (SECTIONS as readonly string[]).includes(s)),
)
const sizeOption = (name: string, fallback: number): number | undefined => {
  const argument = args.find((arg) => arg.startsWith(`--${name}=`))
  return argument === undefined ? fallback : parseByteSize(argument.slice(name.length + 3))
}
const TRANSFER_SIZE = sizeOption('transfer-size', 1024 ** 3)
const TRANSFER_CHUNK = sizeOption('transfer-chunk', 8 * 1024 ** 2)
const unknown = args.filter(
  (arg) => arg !== '--quick' && !['--only=', '--transfer-size=', '--transfer-chunk='].some((prefix) => arg.startsWith(prefix)),
)
if (unknown.length > 0 || only.size === 0 || TRANSFER_SIZE === undefined || TRANSFER_CHUNK === undefined) {
  process.stderr.write(`usage: pnpm bench [--quick] [--only=${SECTIONS.join(',')}] [--transfer-size=1GiB] [--transfer-chunk=8MiB]\n`)
  process.exit(2)
}

const SIZES = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]
const WORKER_TIMEOUT_MS = 8 * 60_000
const styler = createStyler(wantsColour(process.stdout, process.env))
const checks: TargetCheck[] = []
let failures = 0
const failureDetails: string[] = []

/**
 * Warm-up and measured runs for a listing size, split into rounds: each round runs every
 * contender once (in its own process), in a rotated order, so that a machine getting busier or
 * quieter during the run does not favour whoever went first.
 */
function repetitions(entries: number): { warmup: number; runs: number; rounds: number } {
  // Depth 0 requests: many short runs, in more rounds, as single requests are the noisiest.
  if (entries === 1) return quick ? { warmup: 100, runs: 600, rounds: 4 } : { warmup: 100, runs: 1400, rounds: 7 }
  if (quick) return entries <= 10_000 ? { warmup: 1, runs: 6, rounds: 3 } : { warmup: 1, runs: 3, rounds: 3 }
  if (entries <= 1_000) return { warmup: 3, runs: 21, rounds: 7 }
  if (entries <= 10_000) return { warmup: 1, runs: 14, rounds: 7 }
  return { warmup: 1, runs: 7, rounds: 7 }
}

/**
 * The worker as one JavaScript file, made before the sections run: every child runs it, so that
 * its peak RSS is a user's program's, without the loader that strips TypeScript (about 17 MB).
 */
let workerBundle: string | undefined

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\u001b[2K  ${text}`)
}

function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K')
}

async function measure(
  task: WorkerTask,
  contender: string,
  entries: number,
  bodyBytes: number,
  where = `${contender} at ${entries.toLocaleString('en-US')} entries`,
  worker: string | undefined = workerBundle,
): Promise<Measurement> {
  progress(`${task.kind} ${where}...`)
  try {
    let result: WorkerResult
    try {
      result = await runWorker(task, WORKER_TIMEOUT_MS, worker)
    } catch (first) {
      // One retry, said out loud: a child can fail for reasons outside the contender (a source file
      // being saved while it loads). A second failure is reported as a failure.
      failureDetails.push(`${where}: failed once, retried: ${describeFailure(first)}`)
      result = await runWorker(task, WORKER_TIMEOUT_MS, worker)
    }
    return { contender, entries, bodyBytes, result, failure: undefined }
  } catch (error) {
    failures++
    failureDetails.push(`${where}: ${describeFailure(error)}`)
    return {
      contender,
      entries,
      bodyBytes,
      result: undefined,
      failure: error instanceof Error ? error.message.split('\n')[0] : String(error),
    }
  } finally {
    progressDone()
  }
}

/** The first line of a failure and the lines of its stderr that name an error. */
function describeFailure(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n')
  const errors = lines
    .slice(1)
    .filter((line) => /error/i.test(line) && !/^\s+at /.test(line))
    .slice(0, 3)
  return [lines[0] ?? '', ...errors].join('\n    ')
}

/** Merges the rounds of one contender: all timings, and the process with the median peak RSS. */
function mergeRounds(results: readonly WorkerResult[]): WorkerResult | undefined {
  const first = results[0]
  if (first === undefined) return undefined
  const byPeak = [...results].sort((a, b) => a.peakRss - b.peakRss)
  const median = byPeak[Math.floor((byPeak.length - 1) / 2)] ?? first
  return {
    times: results.flatMap((result) => result.times),
    entries: first.entries,
    baselineRss: median.baselineRss,
    peakRss: median.peakRss,
    peakHeapAfterRun: Math.max(...results.map((result) => result.peakHeapAfterRun)),
    peakHeapCommittedAfterRun: Math.max(...results.map((result) => result.peakHeapCommittedAfterRun ?? 0)),
  }
}

/** Measures every contender at one size in rotated rounds (see {@link repetitions}). */
async function measureInterleaved<C extends string>(
  contenders: readonly C[],
  entries: number,
  bodyBytes: number,
  taskFor: (contender: C, warmup: number, runs: number) => WorkerTask,
  given?: { warmup: number; runs: number; rounds: number },
): Promise<Measurement[]> {
  const plan = given ?? repetitions(entries)
  const perRound = Math.max(1, Math.ceil(plan.runs / plan.rounds))
  const results = new Map<C, WorkerResult[]>()
  const failed = new Map<C, string>()
  for (let round = 0; round < plan.rounds; round++) {
    const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)]
    for (const contender of order) {
      if (failed.has(contender)) continue
      const measurement = await measure(taskFor(contender, plan.warmup, perRound), contender, entries, bodyBytes)
      if (measurement.result === undefined) failed.set(contender, measurement.failure ?? 'unknown')
      else results.set(contender, [...(results.get(contender) ?? []), measurement.result])
    }
  }
  return contenders.map((contender) => ({
    contender,
    entries,
    bodyBytes,
    result: failed.has(contender) ? undefined : mergeRounds(results.get(contender) ?? []),
    failure: failed.get(contender),
  }))
}

function heading(text: string): void {
  process.stdout.write(`\n${styler.paint(text, 'title')}\n`)
}

async function decodeSection(): Promise<void> {
  heading('Decoding a listing body: parse + decode, no network')
  const measurements: Measurement[] = []
  for (const entries of SIZES) {
    const bodyBytes = Buffer.byteLength(generateListing(entries))
    const contenders = ['saxes-bare', 'davkit-multistatus', 'davkit', 'webdav'] as const
    measurements.push(
      ...(await measureInterleaved(contenders, entries, bodyBytes, (contender, warmup, runs) => ({
        kind: 'decode',
        contender,
        entries,
        warmup,
        runs,
      }))),
    )
  }
  process.stdout.write(`${measurementTable(measurements, 'davkit', styler)}\n`)
  process.stdout.write(
    styler.paint(
      '  saxes-bare: saxes over the text, handlers that only count responses. davkit-multistatus: decodeMultiStatus alone.\n' +
        "  davkit: decodeMultiStatus + the codecs of the 6 requested properties (what propfind returns). webdav: parseXML + getDirectoryContents' mapping.\n",
      'dim',
    ),
  )
  const local: TargetCheck[] = [speedTarget(measurements, 'davkit-multistatus', 'saxes-bare', 10_000, 1 / 2, 'saxes alone')]
  process.stdout.write(`${targetLines(local, styler)}\n`)
  checks.push(...local)
}

async function servedSection(): Promise<void> {
  heading('Listings served over 127.0.0.1: PROPFIND Depth 1 with 6 properties, request to decoded result')
  const measurements: Measurement[] = []
  for (const entries of SIZES) {
    const body = generateListing(entries)
    const server = await startStaticServer(body)
    try {
      const contenders = ['davkit', 'webdav', 'tsdav'] as const
      measurements.push(
        ...(await measureInterleaved(contenders, entries, Buffer.byteLength(body), (contender, warmup, runs) => ({
          kind: 'served',
          contender,
          url: server.url,
          depth: 1,
          entries,
          warmup,
          runs,
        }))),
      )
    } finally {
      await server.close()
    }
  }
  process.stdout.write(`${measurementTable(measurements, 'davkit', styler)}\n`)
  const local: TargetCheck[] = []
  for (const entries of SIZES.filter((size) => size >= 10_000))
    local.push(fasterThanBest(measurements, 'davkit', ['webdav', 'tsdav'], entries, 2.5))
  if (SIZES.includes(100_000)) local.push(memoryShare(measurements, 'davkit', ['webdav', 'tsdav'], 100_000, 0.6))
  process.stdout.write(`${targetLines(local, styler)}\n`)
  checks.push(...local)
}

async function streamedSection(): Promise<void> {
  heading('Listings streamed: propfindEach over a body generated as it is sent, each entry let go')
  const measurements: Measurement[] = []
  const sizes = quick ? [100_000] : [100_000, 1_000_000]
  for (const entries of sizes) {
    const server = await startStreamingServer(entries)
    try {
      // The whole result of 10^6 entries does not fit in a default heap: streaming is the only way there.
      const contenders = entries <= 100_000 ? (['davkit-each', 'davkit'] as const) : (['davkit-each'] as const)
      const plan = entries <= 100_000 ? undefined : { warmup: 0, runs: quick ? 1 : 3, rounds: quick ? 1 : 3 }
      measurements.push(
        ...(await measureInterleaved(
          contenders,
          entries,
          server.bodyBytes,
          (contender, warmup, runs) => ({ kind: 'served', contender, url: server.url, depth: 1, entries, warmup, runs }),
          plan,
        )),
      )
    } finally {
      await server.close()
    }
  }
  process.stdout.write(`${measurementTable(measurements, 'davkit-each', styler)}\n`)
  process.stdout.write(`${heapLines(measurements)}\n`)
  const local: TargetCheck[] = []
  for (const entries of sizes) local.push(memoryCeiling(measurements, 'davkit-each', entries, 150 * 1024 * 1024))
  local.push(speedTarget(measurements, 'davkit-each', 'davkit', 100_000, 1 / 1.3, 'the whole result'))
  process.stdout.write(`${targetLines(local, styler)}\n`)
  checks.push(...local)
}

/**
 * What of each peak RSS the V8 heap explains: committed after a run (the young generation grows
 * with the bytes its collections copy, and stays grown) against what was in use.
 */
function heapLines(measurements: readonly Measurement[]): string {
  const lines = measurements.flatMap((m) => {
    const committed = m.result?.peakHeapCommittedAfterRun
    if (m.result === undefined || committed === undefined) return []
    return [
      `  ${m.contender} at ${m.entries.toLocaleString('en-US')} entries: V8 heap ${formatBytes(committed)} committed after a run, ${formatBytes(m.result.peakHeapAfterRun)} in use`,
    ]
  })
  return styler.paint(lines.join('\n'), 'dim')
}

/** A contender's median time at one entry (Infinity when it was not measured). */
function medianOf(measurements: readonly Measurement[], contender: string): number {
  return timingOf(measurements.find((m) => m.contender === contender && m.entries === 1))?.median ?? Number.POSITIVE_INFINITY
}

async function overheadSection(): Promise<void> {
  heading('Per-request overhead: PROPFIND Depth 0, one resource, sequential requests on keep-alive')
  const body = generateListing(1)
  const server = await startStaticServer(body)
  const measurements: Measurement[] = []
  try {
    const contenders = ['bare-fetch', 'ky', 'davkit', 'webdav', 'tsdav'] as const
    measurements.push(
      ...(await measureInterleaved(contenders, 1, Buffer.byteLength(body), (contender, warmup, runs) => ({
        kind: 'served',
        contender,
        url: server.url,
        depth: 0,
        entries: 1,
        warmup,
        runs,
      }))),
    )
  } finally {
    await server.close()
  }
  process.stdout.write(`${measurementTable(measurements, 'bare-fetch', styler)}\n`)
  // The exchange's target: within 1.25x of a bare fetch, and no slower than the faster of the peers.
  const peers = ['webdav', 'tsdav'].filter((peer) => measurements.some((m) => m.contender === peer && m.result !== undefined))
  const fasterPeer = peers.sort((a, b) => medianOf(measurements, a) - medianOf(measurements, b))[0] ?? 'webdav'
  const local = [
    speedTarget(measurements, 'davkit', 'bare-fetch', 1, 1 / 1.25, 'bare fetch'),
    speedTarget(measurements, 'davkit', fasterPeer, 1, 1, `${fasterPeer} (the faster peer)`),
  ]
  process.stdout.write(`${targetLines(local, styler)}\n`)
  checks.push(...local)
}

async function fakeSection(): Promise<void> {
  heading('Fake server throughput (@davkit/testing) for a consumer test suite')
  const tests = quick ? 100 : 200
  const rows = []
  for (const mode of ['in-process', 'http'] as const) {
    const measurement = await measure({ kind: 'fake-server', mode, tests, warmup: 1, runs: quick ? 3 : 5 }, mode, tests * 5, 0)
    if (measurement.result === undefined) {
      rows.push([mode, { text: `failed: ${measurement.failure ?? ''}`, tone: 'bad' as const }])
      continue
    }
    const timing = summarize(measurement.result.times)
    rows.push([
      mode === 'in-process' ? 'in-process (handle, as msw calls it)' : 'HTTP (Node adapter, fetch)',
      String(tests),
      formatMs(timing.median),
      `+-${(timing.spread * 100).toFixed(1)}%`,
      formatMs(timing.median / tests),
      Math.round((tests * 1000) / timing.median).toLocaleString('en-US'),
      Math.round((tests * 5 * 1000) / timing.median).toLocaleString('en-US'),
    ])
  }
  process.stdout.write(
    `${renderTable(
      [
        { heading: 'Mode' },
        { heading: 'Tests/run', align: 'right' },
        { heading: 'Median run', align: 'right' },
        { heading: 'Spread', align: 'right' },
        { heading: 'Per test', align: 'right' },
        { heading: 'Tests/s', align: 'right' },
        { heading: 'Requests/s', align: 'right' },
      ],
      rows,
      styler,
    )}\n`,
  )
  process.stdout.write(styler.paint('  One test: reset to a 20-file seed, PUT, PROPFIND Depth 1, GET, COPY, DELETE.\n', 'dim'))
}

/** Where each resumable transfer has its connection cut, as fractions of the file. */
const TRANSFER_CUTS = [0.3, 0.6, 0.9] as const

async function transfersSection(size: number, chunkSize: number): Promise<void> {
  heading(
    `Transfers over 127.0.0.1: ${formatBytes(size)} down and up, cut at 30%, 60% and 90%, against one plain GET / PUT of the same round`,
  )
  const sectionStarted = performance.now()
  const rounds = quick ? 3 : 7
  const contenders = Object.keys(TRANSFER_ROLES) as TransferContenderName[]
  const runs = new Map<TransferContenderName, (WorkerResult | undefined)[]>(contenders.map((c) => [c, []]))
  const failed = new Map<TransferContenderName, string>()
  // One file on disk for the contenders that upload from a file, written before any is timed.
  const sourceFile = contenders.some((c) => TRANSFER_ROLES[c].needsFile)
    ? join(await mkdtemp(join(tmpdir(), 'davkit-bench-')), 'content.bin')
    : undefined
  if (sourceFile !== undefined) {
    progress(`writing the ${formatBytes(size)} source file...`)
    await writeContentFile(sourceFile, size)
    progressDone()
  }
  // Peak RSS is held to an absolute ceiling here: the children run JavaScript, as a user's program would.
  const worker = workerBundle ?? (await bundleWorker())
  const server = await spawnTransferServer()
  try {
    for (let round = 0; round < rounds; round++) {
      const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)]
      for (const contender of order) {
        const list = runs.get(contender) ?? []
        list[round] = undefined
        if (failed.has(contender)) continue
        const task: WorkerTask = {
          kind: 'transfer',
          contender,
          url: server.url,
          path: `bench/${contender}-${round}.bin`,
          size,
          chunkSize,
          cuts: TRANSFER_ROLES[contender].baseline ? [] : TRANSFER_CUTS,
          ...(TRANSFER_ROLES[contender].needsFile && sourceFile !== undefined ? { sourceFile } : {}),
        }
        const measurement = await measure(task, contender, size, size, `${contender}, round ${round + 1} of ${rounds}`, worker)
        if (measurement.result === undefined) failed.set(contender, measurement.failure ?? 'unknown')
        list[round] = measurement.result
      }
    }
  } finally {
    await server.close()
    if (sourceFile !== undefined) await rm(dirname(sourceFile), { recursive: true, force: true })
  }
  const baselineOf = (direction: 'download' | 'upload'): TransferContenderName | undefined =>
    contenders.find((c) => TRANSFER_ROLES[c].direction === direction && TRANSFER_ROLES[c].baseline)
  const measurements: TransferMeasurement[] = contenders.map((contender) => {
    const role = TRANSFER_ROLES[contender]
    return {
      contender,
      direction: role.direction,
      baseline: role.baseline ? undefined : baselineOf(role.direction),
      cuts: role.baseline ? 0 : TRANSFER_CUTS.length,
      runs: runs.get(contender) ?? [],
      failure: failed.get(contender),
    }
  })
  process.stdout.write(`${transferTable(measurements, size, styler)}\n`)
  process.stdout.write(
    styler.paint(
      `  Each run is one process (the worker bundled to JavaScript, as a user's program runs) moving one file; every byte is checked against the generator by the receiving side. Uploads: chunk size ${formatBytes(chunkSize)}, from a stream made as it is read, or (-file) from a file on disk through fileSource.\n` +
        `  Bytes moved: response bodies the server sent (download) or request bodies it received (upload), and the bytes the client reports sending (UploadDone.bytesSent: a cut chunk counts whole); the target takes the larger. Requests: all the server answered for the file.\n` +
        `  RSS before: the process with Node, fetch and davkit loaded, before the transfer. Held after GC: the most JS heap plus ArrayBuffers a run still reached after the transfer and a full collection (peak RSS also counts garbage not yet collected). The plain PUT of a stream holds the whole body: Node's fetch tees a stream request body to replay it on a redirect (nodejs/undici#4058).\n` +
        `  Every contender's client: retry ${JSON.stringify(TRANSFER_RETRY)} (a short fixed wait: the resume's cost, not a back-off delay, is measured), timeoutMs ${TRANSFER_TIMEOUT_MS} (one plain PUT of the whole file is one attempt).\n` +
        `  Section time ${formatMs(performance.now() - sectionStarted)}.\n`,
      'dim',
    ),
  )
  const ceiling = 64 * 1024 * 1024 + chunkSize
  const goals = {
    maxMoved: 1.05,
    rssCeiling: ceiling,
    rssCeilingText: `64 MB + the ${formatBytes(chunkSize)} chunk = ${formatBytes(ceiling)}`,
    minThroughput: 0.9,
  }
  const local = measurements
    .filter((m) => m.baseline !== undefined)
    .flatMap((m) =>
      transferTargets(
        m,
        measurements.find((other) => other.contender === m.baseline),
        size,
        goals,
      ),
    )
  process.stdout.write(`${targetLines(local, styler)}\n`)
  checks.push(...local)
}

/** The commit measured, and whether the client's sources differ from it (numbers belong to a revision). */
function revision(): string {
  try {
    const options = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'] }
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], options).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages/client/src', 'packages/testing/src'], options).trim() !== ''
    return dirty ? `${head} + uncommitted changes in packages/*/src` : head
  } catch {
    return 'unknown revision'
  }
}

// The children import the packages as users get them, from `dist/`: build them first.
progress('building the packages...')
execFileSync('pnpm', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] })
progressDone()

const started = performance.now()
const cpu = cpus()[0]?.model ?? 'unknown CPU'
process.stdout.write(
  `${styler.paint('davkit bench', 'title')}${quick ? ' (--quick)' : ''}: Node ${process.version}, ${availableParallelism()} x ${cpu}, sizes ${SIZES.map((s) => s.toLocaleString('en-US')).join(' / ')} entries\n`,
)
process.stdout.write(
  styler.paint(
    "The built packages (dist/), each contender in its own processes (the worker bundled to JavaScript, as a user's program runs), in rounds of rotating order; times are medians of the measured runs after warm-up, peak RSS the median of the processes.\n",
    'dim',
  ),
)
process.stdout.write(`Revision: ${revision()}\n`)
process.stdout.write(
  `Load average at start: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (numbers from a busy machine are noisy)\n`,
)
workerBundle = await bundleWorker()
if (only.has('decode')) await decodeSection()
if (only.has('served')) await servedSection()
if (only.has('streamed')) await streamedSection()
if (only.has('overhead')) await overheadSection()
if (only.has('fake')) await fakeSection()
if (only.has('transfers')) await transfersSection(TRANSFER_SIZE, TRANSFER_CHUNK)

if (failureDetails.length > 0) {
  heading('Failed and retried measurements')
  process.stdout.write(`${failureDetails.map((detail) => `  ${detail}`).join('\n')}\n`)
}

heading('Targets')
process.stdout.write(`${targetLines(checks, styler)}\n`)
process.stdout.write(
  `\nLoad average at end: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}. Total time ${formatMs(performance.now() - started)}${failures > 0 ? `, ${failures} measurement(s) failed` : ''}.\n`,
)
process.exitCode = failures > 0 ? 1 : 0
