/**
 * A progress line for the longer steps. On a terminal it is rewritten in place (`\r`) and erased
 * when the step ends; elsewhere (a pipe, a test) nothing is written while the step runs, and the
 * caller prints its one-line summary.
 */
export interface Progress {
  /** Reports that `done` of `total` units are finished, the last one being `label`. */
  update(done: number, label: string): void
  /** Erases the line. */
  end(): void
}

/** A progress line on `stream` for a step of `total` units. */
export function createProgress(stream: NodeJS.WriteStream, title: string, total: number): Progress {
  const live = stream.isTTY === true
  let written = false
  return {
    update(done, label) {
      if (!live) return
      const columns = stream.columns > 20 ? stream.columns : 80
      const line = `  ${title} ${done}/${total} ${label}`
      stream.write(`\r\u001b[2K${line.length < columns ? line : `${line.slice(0, columns - 4)}...`}`)
      written = true
    },
    end() {
      if (live && written) stream.write('\r\u001b[2K')
    },
  }
}
