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
