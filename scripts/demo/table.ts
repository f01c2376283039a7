import type { Styler, Tone } from './style.ts'
import { longestPiece, wrapText } from './wrap.ts'

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

const GAP = '  '

function toCell(input: CellInput): Cell {
  return typeof input === 'string' ? { text: input } : input
}

interface Text {
  readonly text: string
  readonly tone: Tone
}

/**
 * The column widths that fit `available` characters (gaps excluded): the widest columns give up
 * characters first, none below its `floor` (its longest unbreakable piece). Undefined when even
 * that does not fit.
 */
function fitWidths(natural: readonly number[], floor: readonly number[], available: number): number[] | undefined {
  const widths = [...natural]
  let excess = widths.reduce((sum, width) => sum + width, 0) - available
  while (excess > 0) {
    let widest = -1
    for (const [index, width] of widths.entries()) {
      if (width > (floor[index] ?? 0) && (widest === -1 || width > (widths[widest] ?? 0))) widest = index
    }
    if (widest === -1) return undefined
    widths[widest] = (widths[widest] ?? 0) - 1
    excess -= 1
  }
  return widths
}

/**
 * Renders rows as plain-text columns aligned on their visible widths, with a heading line and a
 * rule under it, in at most `width` characters per line. A table too wide for that wraps its
 * widest cells within their columns, at spaces, `-` and `/`; one that cannot fit that way is
 * printed as one record per row (`heading  value` lines). No cell's text is ever cut. Colour, when the styler
 * has it, is added after padding so alignment never depends on escape codes. Every line starts
 * with `indent`.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly CellInput[])[],
  styler: Styler,
  indent = '  ',
  width = Number.POSITIVE_INFINITY,
): string {
  const cells: Text[][] = rows.map((row) =>
    columns.map((_, index) => {
      const cell = toCell(row[index] ?? '')
      return { text: cell.text.replace(/\s+/g, ' ').trim(), tone: cell.tone ?? 'plain' }
    }),
  )
  const natural = columns.map((column, index) => Math.max(column.heading.length, ...cells.map((row) => row[index]?.text.length ?? 0)))
  const available = width - indent.length - GAP.length * (columns.length - 1)
  const floor = columns.map((column, index) =>
    Math.max(longestPiece(column.heading), ...cells.map((row) => longestPiece(row[index]?.text ?? ''))),
  )
  const widths = fitWidths(natural, floor, available)
  if (widths === undefined) return renderRecords(columns, cells, styler, indent, width)

  const paint = (text: string, tone: Tone, index: number): string => {
    const columnWidth = widths[index] ?? text.length
    const padded = columns[index]?.align === 'right' ? text.padStart(columnWidth) : text.padEnd(columnWidth)
    // Paint the text and keep the padding outside, so trailing spaces stay uncoloured.
    const start = padded.indexOf(text)
    return padded.slice(0, start) + styler.paint(text, tone) + padded.slice(start + text.length)
  }
  const renderRow = (row: readonly Text[]): string[] => {
    const wrapped = row.map((cell, index) => wrapText(cell.text, widths[index] ?? cell.text.length))
    const height = Math.max(...wrapped.map((lines) => lines.length))
    const lines: string[] = []
    for (let line = 0; line < height; line++) {
      const parts = row.map((cell, index) => paint(wrapped[index]?.[line] ?? '', cell.tone, index))
      lines.push((indent + parts.join(GAP)).trimEnd())
    }
    return lines
  }
  const lines = renderRow(columns.map((column) => ({ text: column.heading, tone: 'title' as const })))
  lines.push(indent + styler.paint(widths.map((columnWidth) => '-'.repeat(columnWidth)).join(GAP), 'dim'))
  for (const row of cells) lines.push(...renderRow(row))
  return lines.join('\n')
}

/** One block per row: its first cell, then `heading  value` for the others, values wrapped. */
function renderRecords(
  columns: readonly Column[],
  cells: readonly (readonly Text[])[],
  styler: Styler,
  indent: string,
  width: number,
): string {
  const headingWidth = Math.max(...columns.slice(1).map((column) => column.heading.length))
  const valueIndent = `${indent}  ${' '.repeat(headingWidth)}${GAP}`
  const lines: string[] = []
  for (const row of cells) {
    const [first, ...rest] = row
    for (const line of wrapText(`${columns[0]?.heading ?? ''}: ${first?.text ?? ''}`, width - indent.length)) {
      lines.push(indent + styler.paint(line, 'title'))
    }
    for (const [offset, cell] of rest.entries()) {
      const heading = (columns[offset + 1]?.heading ?? '').padEnd(headingWidth)
      const values = wrapText(cell.text, width - valueIndent.length)
      for (const [index, value] of values.entries()) {
        const lead = index === 0 ? `${indent}  ${styler.paint(heading, 'dim')}${GAP}` : valueIndent
        lines.push((lead + styler.paint(value, cell.tone)).trimEnd())
      }
    }
  }
  return lines.join('\n')
}
