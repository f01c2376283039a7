import { createProgress, type Progress } from './progress.ts'
import type { Styler, Tone } from './style.ts'
import { renderTable, type CellInput, type Column } from './table.ts'

/** Where the demo writes: numbered sections, lines, tables, notes and progress lines. */
export interface Output {
  readonly styler: Styler
  section(title: string): void
  line(text: string, tone?: Tone): void
  note(text: string): void
  table(columns: readonly Column[], rows: readonly (readonly CellInput[])[]): void
  progress(title: string, total: number): Progress
}

/** An {@link Output} on a stream (stdout), numbering sections from 1. */
export function createOutput(stream: NodeJS.WriteStream, styler: Styler): Output {
  let sections = 0
  const write = (text: string): void => {
    stream.write(`${text}\n`)
  }
  return {
    styler,
    section(title) {
      sections += 1
      write('')
      write(styler.paint(`${sections}. ${title}`, 'title'))
    },
    line(text, tone = 'plain') {
      write(text === '' ? '' : `  ${styler.paint(text, tone)}`)
    },
    note(text) {
      write(`  ${styler.paint(text, 'dim')}`)
    },
    table(columns, rows) {
      write(renderTable(columns, rows, styler))
    },
    progress(title, total) {
      return createProgress(stream, title, total)
    },
  }
}
