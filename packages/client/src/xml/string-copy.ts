// V8 cuts a string of 13 characters or more out of a longer one as a reference into it: a value
// kept from a 64 KB piece of a body would keep the whole piece, and a listing's result the whole body.
const SHORTEST_SLICE = 13

/** A copy of `text` that holds nothing of the text it was cut from (short strings are copies already). */
export function copyString(text: string): string {
  // Joining makes a new string that the slice flattens into a fresh copy; the slice refers to that copy only.
  return text.length < SHORTEST_SLICE ? text : ` ${text}`.slice(1)
}
