/**
 * A list that gathers items and hands them out as an array of their exact length, keeping its
 * own storage for the next use. Arrays grown by `push` from empty reserve room for many entries
 * (and emptying one with `length = 0` gives its storage up), so a decoder that gathers a few
 * items per element many times over does it here and copies out only what it found.
 *
 * Not reentrant: a user must be done with `take` before the same list gathers again.
 */
export class ReusableList<T> {
  readonly #items: T[] = []
  #count = 0

  /** Forgets what was gathered (the storage is kept). */
  reset(): void {
    this.#count = 0
  }

  add(item: T): void {
    this.#items[this.#count++] = item
  }

  get count(): number {
    return this.#count
  }

  /** The item at `index`, which must be below `count`. */
  at(index: number): T {
    return this.#items[index] as T
  }

  /** What was gathered since the last `reset`, as a new array of its exact length. */
  take(): T[] {
    return this.#items.slice(0, this.#count)
  }

  /** Drops the storage and what it still refers to. */
  release(): void {
    this.#items.length = 0
    this.#count = 0
  }
}
