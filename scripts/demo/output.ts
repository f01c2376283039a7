import { createProgress, type Progress } from './progress.ts'
import type { Styler, Tone } from './style.ts'
import { renderTable, type CellInput, type Column } from './table.ts'
import { wrapText } from './wrap.ts'

/** Where the demo writes: numbered sections, lines, tables, notes and progress lines. */
export interface Output {
  readonly styler: Styler
  section(title: string): void
  line(text: string, tone?: Tone): void
  note(text: string): void
  table(columns: readonly Column[], rows: readonly (readonly CellInput[])[]): void
  progress(title: string, total: number): Progress
}

/** An {@link Output} on a stream (stdout), numbering sections from 1, in lines of at most `width` characters. */
export function createOutput(stream: NodeJS.WriteStream, styler: Styler, width: number): Output {
  let sections = 0
  const write = (text: string): void => {
    stream.write(`${text}\n`)
  }
  // Long lines wrap under their own indent, so no terminal has to wrap them.
  const writeWrapped = (text: string, indent: string, tone: Tone): void => {
    for (const line of wrapText(text, width - indent.length)) write(`${indent}${styler.paint(line, tone)}`)
  }
  return {
    styler,
    section(title) {
      sections += 1
      write('')
      writeWrapped(`${sections}. ${title}`, '', 'title')
    },
    line(text, tone = 'plain') {
      if (text === '') write('')
      else writeWrapped(text, '  ', tone)
    },
    note(text) {
      writeWrapped(text, '  ', 'dim')
    },
    table(columns, rows) {
      write(renderTable(columns, rows, styler, '  ', width))
    },
    progress(title, total) {
      return createProgress(stream, title, total)
    },
  }
}
