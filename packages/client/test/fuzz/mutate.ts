/** A small seeded PRNG (mulberry32), so that every fuzz run is reproducible. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const INSERTIONS = [
  '<!DOCTYPE x [<!ENTITY e "boom">]>',
  '<!DOCTYPE html>',
  '<!ENTITY e SYSTEM "file:///etc/passwd">',
  '&e;',
  '&amp;#38;',
  '&#0;',
  '&#x1F600;',
  '&',
  '<',
  '>',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?pi x?>',
  '<x:y/>',
  '<D:response>',
  '</D:response>',
  '<d:propstat><d:prop><d:x/></d:prop></d:propstat>',
  '<D:status>HTTP/1.1 102 Processing</D:status>',
  '<D:status></D:status>',
  '<D:href>%zz%</D:href>',
  ' xmlns=""',
  ' xmlns:D="urn:not-dav"',
  ' a',
  '"',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\r\n',
  '<html>',
  '<a:b:c/>',
]

type Mutation = (text: string, random: () => number) => string

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T
}

function position(text: string, random: () => number): number {
  return Math.floor(random() * (text.length + 1))
}

const MUTATIONS: readonly Mutation[] = [
  // truncate
  (text, random) => text.slice(0, position(text, random)),
  // duplicate a slice in place
  (text, random) => {
    const start = position(text, random)
    const end = Math.min(text.length, start + Math.floor(random() * 400))
    return text.slice(0, end) + text.slice(start, end) + text.slice(end)
  },
  // swap two slices
  (text, random) => {
    const [a, b] = [position(text, random), position(text, random)].sort((x, y) => x - y) as [number, number]
    const length = Math.floor(random() * Math.min(200, b - a + 1))
    return text.slice(0, a) + text.slice(b, b + length) + text.slice(a + length, b) + text.slice(a, a + length) + text.slice(b + length)
  },
  // insert a hostile or structural fragment
  (text, random) => {
    const at = position(text, random)
    return text.slice(0, at) + pick(INSERTIONS, random) + text.slice(at)
  },
  // delete a slice
  (text, random) => {
    const start = position(text, random)
    return text.slice(0, start) + text.slice(start + 1 + Math.floor(random() * 40))
  },
  // break a tag: drop or replace one of < > / : = "
  (text, random) => {
    const indexes: number[] = []
    for (let i = 0; i < text.length; i++) if ('<>/:="'.includes(text.charAt(i))) indexes.push(i)
    if (indexes.length === 0) return text
    const at = pick(indexes, random)
    return text.slice(0, at) + pick(['', ' ', '<', '>', 'x', ':'], random) + text.slice(at + 1)
  },
  // random printable and control characters
  (text, random) => {
    const at = position(text, random)
    let noise = ''
    for (let i = Math.floor(random() * 20); i >= 0; i--) noise += String.fromCharCode(Math.floor(random() * 0x250))
    return text.slice(0, at) + noise + text.slice(at)
  },
  // deep nesting inside the document
  (text, random) => {
    const at = text.indexOf('<D:prop>') === -1 ? position(text, random) : text.indexOf('<D:prop>') + 8
    const depth = 50 + Math.floor(random() * 400)
    return text.slice(0, at) + '<n>'.repeat(depth) + '</n>'.repeat(random() < 0.8 ? depth : depth - 1) + text.slice(at)
  },
]

/** Applies one to three seeded mutations to `text`. */
export function mutate(text: string, random: () => number): string {
  let mutated = text
  for (let count = 1 + Math.floor(random() * 3); count > 0; count--) mutated = pick(MUTATIONS, random)(mutated, random)
  return mutated
}

/** Replaces a few bytes of the UTF-8 encoding of `text` by random ones (invalid UTF-8 included). */
export function mutateBytes(text: string, random: () => number): Uint8Array {
  const bytes = new TextEncoder().encode(text)
  for (let count = 1 + Math.floor(random() * 8); count > 0 && bytes.length > 0; count--) {
    bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
  }
  return bytes
}
