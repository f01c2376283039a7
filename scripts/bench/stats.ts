/** Summary of repeated timings, in milliseconds. */
export interface TimingSummary {
  readonly runs: number
  readonly median: number
  readonly min: number
  readonly max: number
  /** Half the distance between the 25th and 75th percentiles, relative to the median (0.05 = +-5%). */
  readonly spread: number
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  const lowValue = sorted[low] ?? Number.NaN
  const highValue = sorted[high] ?? lowValue
  return lowValue + (highValue - lowValue) * (position - low)
}

/** Median, extremes and interquartile spread of `times`. */
export function summarize(times: readonly number[]): TimingSummary {
  if (times.length === 0) throw new RangeError('no timings to summarize')
  const sorted = [...times].sort((a, b) => a - b)
  const median = quantile(sorted, 0.5)
  const spread = median > 0 ? (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 2 / median : 0
  return { runs: sorted.length, median, min: sorted[0] ?? median, max: sorted[sorted.length - 1] ?? median, spread }
}

/** `12.3 ms`, `1.24 s`, `0.084 ms`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-'
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  if (ms >= 1) return `${ms.toFixed(2)} ms`
  return `${ms.toFixed(3)} ms`
}

/** `512 MB`, `48.2 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-'
  const mb = bytes / (1024 * 1024)
  return mb >= 100 ? `${mb.toFixed(0)} MB` : `${mb.toFixed(1)} MB`
}

/**
 * How `subject` compares with `reference` when smaller is better: `2.10x faster`, `1.25x slower`,
 * `same` within 1%.
 */
export function ratioText(subject: number, reference: number, better = 'faster', worse = 'slower'): string {
  if (!(subject > 0) || !(reference > 0)) return '-'
  const ratio = reference / subject
  if (Math.abs(ratio - 1) < 0.01) return 'same'
  return ratio > 1 ? `${ratio.toFixed(2)}x ${better}` : `${(1 / ratio).toFixed(2)}x ${worse}`
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
}

/** `64MiB`, `1GiB`, `500MB`, `1048576` as a whole number of bytes; undefined when it is not one. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  const unit = BYTE_UNITS[(match?.[2] ?? '').toLowerCase()]
  if (match === null || unit === undefined) return undefined
  const bytes = Math.round(Number(match[1]) * unit)
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined
}
