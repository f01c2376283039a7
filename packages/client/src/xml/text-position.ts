/** A 1-based line and column (in UTF-16 code units) of an offset in a text. */
export interface TextPosition {
  readonly line: number
  readonly column: number
}

/** Where `offset` falls in `text`, counting lines from 1 and columns from 1. */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  let newline = text.indexOf('\n')
  while (newline !== -1 && newline < end) {
    line++
    lineStart = newline + 1
    newline = text.indexOf('\n', lineStart)
  }
  return { line, column: end - lineStart + 1 }
}

/** The offset of a 1-based line and column, clamped to the text. */
export function offsetAt(text: string, position: TextPosition): number {
  let lineStart = 0
  for (let line = 1; line < position.line; line++) {
    const newline = text.indexOf('\n', lineStart)
    if (newline === -1) break
    lineStart = newline + 1
  }
  return Math.min(text.length, lineStart + Math.max(0, position.column - 1))
}

/** At most `length` characters of `text` around `offset`, for error reports. */
export function snippetAround(text: string, offset: number, length = 200): string {
  const start = Math.max(0, Math.min(offset - Math.floor(length / 2), text.length - length))
  return text.slice(start, start + length)
}
