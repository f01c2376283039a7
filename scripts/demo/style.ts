/**
 * Terminal styling for the demo's output: ANSI colours when stdout is a terminal (and `NO_COLOR`
 * is not set), plain text otherwise, so that logs and tests read the same words.
 */

/** A colour role, by what the text means rather than how it looks. */
export type Tone = 'plain' | 'good' | 'bad' | 'warn' | 'dim' | 'title' | 'accent'

const CODES: Record<Exclude<Tone, 'plain'>, readonly [string, string]> = {
  good: ['\u001b[32m', '\u001b[39m'],
  bad: ['\u001b[31m', '\u001b[39m'],
  warn: ['\u001b[33m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  title: ['\u001b[1m', '\u001b[22m'],
  accent: ['\u001b[36m', '\u001b[39m'],
}

/** Applies tones, or not. */
export interface Styler {
  readonly colour: boolean
  paint(text: string, tone: Tone): string
}

/** A styler that colours only when `colour` is true. */
export function createStyler(colour: boolean): Styler {
  return {
    colour,
    paint(text, tone) {
      if (!colour || tone === 'plain' || text === '') return text
      const [open, close] = CODES[tone]
      return `${open}${text}${close}`
    },
  }
}

/** Whether the demo should colour what it writes to `stream`. */
export function wantsColour(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false
  return stream.isTTY === true
}
