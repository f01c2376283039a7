/**
 * Word-wrapping for the demo's terminal output. Text is never cut: words longer than the width are
 * broken across lines instead.
 */

/** The pieces a line may break after: words, and within a word after each `-` or `/`. */
function words(text: string): string[][] {
  return text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => word.split(/(?<=[-/])(?=.)/))
}

/** The longest piece of `text` that {@link wrapText} keeps on one line when it can. */
export function longestPiece(text: string): number {
  return Math.max(
    0,
    ...words(text)
      .flat()
      .map((piece) => piece.length),
  )
}

/**
 * `text` (whitespace runs collapsed) as lines of at most `width` characters, broken at spaces and
 * after `-` and `/`; a piece longer than `width` is broken where it must be.
 */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, Math.floor(width))
  const lines: string[] = []
  let current = ''
  for (const word of words(text)) {
    for (const [index, piece] of word.entries()) {
      const joined = current === '' ? piece : index === 0 ? `${current} ${piece}` : current + piece
      if (joined.length <= limit) {
        current = joined
        continue
      }
      if (current !== '') lines.push(current)
      let rest = piece
      while (rest.length > limit) {
        lines.push(rest.slice(0, limit))
        rest = rest.slice(limit)
      }
      current = rest
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current)
  return lines
}

/**
 * The width the demo writes to: the terminal's columns, else a positive `COLUMNS` from the
 * environment, else 80.
 */
export function outputWidth(stream: { readonly isTTY?: boolean; readonly columns?: number }, env: NodeJS.ProcessEnv): number {
  if (stream.isTTY === true && stream.columns !== undefined && stream.columns > 0) return stream.columns
  const fromEnv = Number.parseInt(env['COLUMNS'] ?? '', 10)
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80
}
