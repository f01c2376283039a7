import { renderTable, type CellInput, type Column } from '../demo/table.ts'
import type { Styler } from '../demo/style.ts'
import { formatBytes, formatMs, ratioText, summarize, type TimingSummary } from './stats.ts'
import type { WorkerResult } from './worker-protocol.ts'

/** One contender's measurement at one size, or why there is none. */
export interface Measurement {
  readonly contender: string
  readonly entries: number
  readonly bodyBytes: number
  readonly result: WorkerResult | undefined
  readonly failure: string | undefined
}

/** The timing summary of a measurement that succeeded. */
export function timingOf(measurement: Measurement | undefined): TimingSummary | undefined {
  return measurement?.result === undefined ? undefined : summarize(measurement.result.times)
}

function find(measurements: readonly Measurement[], contender: string, entries: number): Measurement | undefined {
  return measurements.find((m) => m.contender === contender && m.entries === entries)
}

/** A table of timings and memory with each row's ratio against `reference` at the same size. */
export function measurementTable(measurements: readonly Measurement[], reference: string, styler: Styler): string {
  const columns: Column[] = [
    { heading: 'Entries', align: 'right' },
    { heading: 'Body', align: 'right' },
    { heading: 'Contender' },
    { heading: 'Median', align: 'right' },
    { heading: 'Spread', align: 'right' },
    { heading: 'Min..max' },
    { heading: 'Runs', align: 'right' },
    { heading: 'Peak RSS', align: 'right' },
    { heading: 'RSS growth', align: 'right' },
    { heading: `vs ${reference}` },
  ]
  const rows: CellInput[][] = measurements.map((m) => {
    const head = [m.entries.toLocaleString('en-US'), formatBytes(m.bodyBytes), m.contender]
    if (m.result === undefined) return [...head, '-', '-', '-', '-', '-', '-', { text: `failed: ${m.failure ?? 'unknown'}`, tone: 'bad' }]
    const timing = summarize(m.result.times)
    const referenceTiming = timingOf(find(measurements, reference, m.entries))
    return [
      ...head,
      formatMs(timing.median),
      `+-${(timing.spread * 100).toFixed(1)}%`,
      `${formatMs(timing.min)}..${formatMs(timing.max)}`,
      String(timing.runs),
      formatBytes(m.result.peakRss),
      formatBytes(m.result.peakRss - m.result.baselineRss),
      m.contender === reference || referenceTiming === undefined
        ? ''
        : ratioText(timing.median, referenceTiming.median, 'faster', 'slower'),
    ]
  })
  return renderTable(columns, rows, styler)
}

/** The outcome of checking one target. */
export interface TargetCheck {
  readonly text: string
  readonly met: boolean | undefined
}

/**
 * `davkit vs webdav at 10,000 entries: 1.52x faster (target >= 1.30x faster): MET`. `factor` is
 * how many times faster (time) davkit must be; a factor below 1 allows davkit to be that much slower.
 */
export function speedTarget(
  measurements: readonly Measurement[],
  subject: string,
  other: string,
  entries: number,
  factor: number,
  otherLabel = other,
): TargetCheck {
  const a = timingOf(find(measurements, subject, entries))
  const b = timingOf(find(measurements, other, entries))
  const label = `${subject} vs ${otherLabel} at ${entries.toLocaleString('en-US')} entries`
  const goal = factor >= 1 ? `at least ${factor.toFixed(2)}x faster` : `within ${(1 / factor).toFixed(2)}x`
  if (a === undefined || b === undefined) return { text: `${label}: not measured (target ${goal})`, met: undefined }
  const ratio = b.median / a.median
  return { text: `${label}: ${ratioText(a.median, b.median)} (target ${goal})`, met: ratio >= factor }
}

/** `subject` at least `factor` times faster than the faster of `others` at `entries`. */
export function fasterThanBest(
  measurements: readonly Measurement[],
  subject: string,
  others: readonly string[],
  entries: number,
  factor: number,
): TargetCheck {
  const medians = others.map((other) => ({
    other,
    timing: timingOf(find(measurements, other, entries)),
  }))
  const best = medians.filter((m) => m.timing !== undefined).sort((a, b) => (a.timing?.median ?? 0) - (b.timing?.median ?? 0))[0]
  return speedTarget(
    measurements,
    subject,
    best?.other ?? others[0] ?? '',
    entries,
    factor,
    `the faster peer (${best?.other ?? 'none measured'})`,
  )
}

/** `subject`'s peak RSS at most `factor` times the lower of `others`' at `entries`. */
export function memoryShare(
  measurements: readonly Measurement[],
  subject: string,
  others: readonly string[],
  entries: number,
  factor: number,
): TargetCheck {
  const peak = (contender: string): number | undefined => find(measurements, contender, entries)?.result?.peakRss
  const mine = peak(subject)
  const lowest = others
    .map((other) => ({ other, rss: peak(other) }))
    .filter((o) => o.rss !== undefined)
    .sort((a, b) => (a.rss ?? 0) - (b.rss ?? 0))[0]
  const label = `${subject} peak RSS at ${entries.toLocaleString('en-US')} entries`
  const goal = `at most ${factor}x the lower peer's`
  if (mine === undefined || lowest?.rss === undefined) return { text: `${label}: not measured (target ${goal})`, met: undefined }
  const ratio = mine / lowest.rss
  return {
    text: `${label}: ${formatBytes(mine)} vs ${lowest.other} ${formatBytes(lowest.rss)}, ${ratio.toFixed(2)}x (target ${goal})`,
    met: ratio <= factor,
  }
}

/** `subject`'s peak RSS at `entries` at most `ceiling` bytes. */
export function memoryCeiling(measurements: readonly Measurement[], subject: string, entries: number, ceiling: number): TargetCheck {
  const peak = find(measurements, subject, entries)?.result?.peakRss
  const label = `${subject} peak RSS at ${entries.toLocaleString('en-US')} entries`
  if (peak === undefined) return { text: `${label}: not measured (target at most ${formatBytes(ceiling)})`, met: undefined }
  return { text: `${label}: ${formatBytes(peak)} (target at most ${formatBytes(ceiling)})`, met: peak <= ceiling }
}

/** Target lines with MET / MISSED marks. */
export function targetLines(checks: readonly TargetCheck[], styler: Styler): string {
  return checks
    .map((check) => {
      const mark =
        check.met === undefined ? styler.paint('n/a   ', 'dim') : check.met ? styler.paint('MET   ', 'good') : styler.paint('MISSED', 'bad')
      return `  ${mark} ${check.text}`
    })
    .join('\n')
}

/** A transfer contender's runs, one per round (undefined where it failed), and its role. */
export interface TransferMeasurement {
  readonly contender: string
  readonly direction: 'download' | 'upload'
  /** The plain transfer of the same direction that this one is compared with (undefined for that one itself). */
  readonly baseline: string | undefined
  readonly cuts: number
  readonly runs: readonly (WorkerResult | undefined)[]
  readonly failure: string | undefined
}

function succeeded(measurement: TransferMeasurement): WorkerResult[] {
  return measurement.runs.filter((run): run is WorkerResult => run !== undefined)
}

function medianOf(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : summarize(values).median
}

/**
 * Bytes moved for the file, as a multiple of its size: response bodies the server sent for a
 * download; for an upload the larger of what the server received and what the client says it sent.
 */
export function bytesMovedRatio(run: WorkerResult, size: number, direction: 'download' | 'upload'): number {
  const detail = run.transfer
  if (detail === undefined) return Number.NaN
  const moved = direction === 'download' ? detail.server.responseBytes : Math.max(detail.server.requestBytes, detail.clientBytesSent ?? 0)
  return moved / size
}

/** Throughput against the baseline run of the same round (baseline time / own time), per round where both ran. */
export function throughputRatios(measurement: TransferMeasurement, baseline: TransferMeasurement | undefined): number[] {
  if (baseline === undefined) return []
  const ratios: number[] = []
  measurement.runs.forEach((run, round) => {
    const reference = baseline.runs[round]
    const own = run?.times[0]
    const theirs = reference?.times[0]
    if (own !== undefined && theirs !== undefined && own > 0) ratios.push(theirs / own)
  })
  return ratios
}

/** The transfers table: time, throughput, bytes moved, resumes and memory per contender. */
export function transferTable(measurements: readonly TransferMeasurement[], size: number, styler: Styler): string {
  const columns: Column[] = [
    { heading: 'Contender' },
    { heading: 'Cuts', align: 'right' },
    { heading: 'Median', align: 'right' },
    { heading: 'Spread', align: 'right' },
    { heading: 'Throughput', align: 'right' },
    { heading: 'vs plain, same round', align: 'right' },
    { heading: 'Bytes moved (worst): server / client count', align: 'right' },
    { heading: 'Resumes', align: 'right' },
    { heading: 'Requests', align: 'right' },
    { heading: 'RSS before', align: 'right' },
    { heading: 'Peak RSS', align: 'right' },
    { heading: 'Held after GC', align: 'right' },
    { heading: 'Runs', align: 'right' },
  ]
  const rows: CellInput[][] = measurements.map((m) => {
    const runs = succeeded(m)
    const head = [m.contender, String(m.cuts)]
    if (runs.length === 0) return [...head, ...Array<string>(10).fill('-'), { text: `failed: ${m.failure ?? 'unknown'}`, tone: 'bad' }]
    const timing = summarize(runs.map((run) => run.times[0] ?? Number.NaN))
    const baseline = measurements.find((other) => other.contender === m.baseline)
    const ratios = throughputRatios(m, baseline)
    const serverCount = (run: WorkerResult): number =>
      (m.direction === 'download'
        ? (run.transfer?.server.responseBytes ?? Number.NaN)
        : (run.transfer?.server.requestBytes ?? Number.NaN)) / size
    const clientCounts = runs.map((run) => run.transfer?.clientBytesSent).filter((n): n is number => n !== undefined)
    const moved = `${Math.max(...runs.map(serverCount)).toFixed(3)}x / ${clientCounts.length === 0 ? '-' : `${(Math.max(...clientCounts) / size).toFixed(3)}x`}`
    const resumes = runs.map((run) => run.transfer?.resumes).filter((n): n is number => n !== undefined)
    const requests = runs.map((run) => Object.values(run.transfer?.server.requests ?? {}).reduce((sum, n) => sum + n, 0))
    return [
      ...head,
      formatMs(timing.median),
      `+-${(timing.spread * 100).toFixed(1)}%`,
      `${(size / (1024 * 1024) / (timing.median / 1000)).toFixed(0)} MiB/s`,
      ratios.length === 0 ? '' : `${medianOf(ratios).toFixed(2)}x`,
      moved,
      resumes.length === 0 ? '-' : String(medianOf(resumes)),
      String(medianOf(requests)),
      formatBytes(medianOf(runs.map((run) => run.baselineRss))),
      formatBytes(medianOf(runs.map((run) => run.peakRss))),
      formatBytes(Math.max(...runs.map((run) => run.transfer?.heldAfterGc ?? Number.NaN))),
      `${runs.length}${m.failure === undefined ? '' : ` (failed: ${m.failure})`}`,
    ]
  })
  return renderTable(columns, rows, styler)
}

/**
 * The three targets of a resumable transfer: bytes moved at most `maxMoved` times the file (the
 * worst run), peak RSS at most `rssCeiling` (the median process), and throughput at least
 * `minThroughput` times the plain transfer of the same round (the median of the rounds).
 */
export function transferTargets(
  measurement: TransferMeasurement,
  baseline: TransferMeasurement | undefined,
  size: number,
  goals: { readonly maxMoved: number; readonly rssCeiling: number; readonly rssCeilingText: string; readonly minThroughput: number },
): TargetCheck[] {
  const runs = succeeded(measurement)
  const name = `${measurement.contender} (${formatBytes(size)}, ${measurement.cuts} cuts)`
  if (runs.length === 0) {
    const why = `not measured: ${measurement.failure ?? 'no run succeeded'}`
    return [
      { text: `${name} bytes moved: ${why} (target at most ${goals.maxMoved}x the file)`, met: undefined },
      { text: `${name} peak RSS: ${why} (target at most ${goals.rssCeilingText})`, met: undefined },
      { text: `${name} throughput: ${why} (target at least ${goals.minThroughput}x the plain transfer)`, met: undefined },
    ]
  }
  const moved = Math.max(...runs.map((run) => bytesMovedRatio(run, size, measurement.direction)))
  const peak = medianOf(runs.map((run) => run.peakRss))
  const before = medianOf(runs.map((run) => run.baselineRss))
  const ratios = throughputRatios(measurement, baseline)
  const ratio = medianOf(ratios)
  return [
    {
      text: `${name} bytes moved: ${moved.toFixed(3)}x the file in the worst of ${runs.length} runs (target at most ${goals.maxMoved}x)`,
      met: moved <= goals.maxMoved,
    },
    {
      text: `${name} peak RSS: ${formatBytes(peak)}, ${formatBytes(before)} of it before the transfer began (target at most ${goals.rssCeilingText})`,
      met: peak <= goals.rssCeiling,
    },
    ratios.length === 0
      ? {
          text: `${name} throughput: no round with both it and ${baseline?.contender ?? 'the plain transfer'} (target at least ${goals.minThroughput}x)`,
          met: undefined,
        }
      : {
          text: `${name} throughput: ${ratio.toFixed(2)}x ${baseline?.contender ?? ''} of the same round, median of ${ratios.length} rounds (target at least ${goals.minThroughput}x)`,
          met: ratio >= goals.minThroughput,
        },
  ]
}
