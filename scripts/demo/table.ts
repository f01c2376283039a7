import type { Styler, Tone } from './style.ts'

/** One table cell: its text and what the text means (for colour). */
export interface Cell {
  readonly text: string
  readonly tone?: Tone
}

/** A cell's text alone, or the cell. */
export type CellInput = string | Cell

/** Column alignment. */
export type Align = 'left' | 'right'

/** A column: its heading and alignment. */
export interface Column {
  readonly heading: string
  readonly align?: Align
}

const MAX_CELL = 60

function toCell(input: CellInput): Cell {
  return typeof input === 'string' ? { text: input } : input
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ')
  return oneLine.length <= MAX_CELL ? oneLine : `${oneLine.slice(0, MAX_CELL - 3)}...`
}

/**
 * Renders rows as plain-text columns aligned on their visible widths, with a heading line and a
 * rule under it. Colour, when the styler has it, is added after padding so alignment never depends
 * on escape codes. Every line starts with `indent`.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly CellInput[])[], styler: Styler, indent = '  '): string {
  const cells = rows.map((row) => columns.map((_, index) => {
    const cell = toCell(row[index] ?? '')
    return { text: clip(cell.text), tone: cell.tone ?? 'plain' }
  }))
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...cells.map((row) => row[index]?.text.length ?? 0)),
  )
  const pad = (text: string, index: number): string => {
    const width = widths[index] ?? text.length
    return columns[index]?.align === 'right' ? text.padStart(width) : text.padEnd(width)
  }
  const lines: string[] = []
  const heading = columns.map((column, index) => pad(column.heading, index)).join('  ').trimEnd()
  lines.push(indent + styler.paint(heading, 'title'))
  lines.push(indent + styler.paint(widths.map((width) => '-'.repeat(width)).join('  '), 'dim'))
  for (const row of cells) {
    const parts = row.map((cell, index) => {
      const padded = pad(cell.text, index)
      // Paint the text and keep the padding outside, so trailing spaces stay uncoloured.
      const start = padded.indexOf(cell.text)
      return padded.slice(0, start) + styler.paint(cell.text, cell.tone) + padded.slice(start + cell.text.length)
    })
    lines.push((indent + parts.join('  ')).trimEnd())
  }
  return lines.join('\n')
}
