import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser'
import { decodeXmlReferences } from './xml-references.ts'

/**
 * The one place fast-xml-parser is configured. Its output is an ordered tree of plain objects
 * (`preserveOrder`): `{ [rawName]: children, ':@'?: attributes, [META]: { startIndex, endIndex } }`
 * for an element and `{ '#text': string }` for text. Nothing is coerced, trimmed or renamed;
 * namespaces are resolved afterwards by the tree builder, which also checks what the engine
 * does not (matching end tags, names, a single root).
 */

/** An element or text node of the engine's ordered output. */
export type EngineNode = { readonly [key: string]: unknown; readonly [key: symbol]: unknown }

/** The attributes of an element, by raw name with {@link ATTRIBUTE_PREFIX}; `true` when no value was given. */
export type EngineAttributes = { readonly [prefixedName: string]: string | boolean }

/** Where an element starts (its `<`) and ends (after its end tag's `>`), in the parsed text. */
export interface EngineMetadata {
  readonly startIndex: number
  readonly endIndex?: number
}

/** The key of an element's {@link EngineMetadata}. */
export const META: symbol = XMLParser.getMetaDataSymbol() as symbol

/** The key under which a text node holds its text. */
export const TEXT_KEY = '#text'

/** The key of an element's attributes. */
export const ATTRIBUTES_KEY = ':@'

/** What the engine puts before each attribute name. */
export const ATTRIBUTE_PREFIX = '@_'

// The engine refuses these element names outright (prototype pollution guards) and renames
// others; they are valid XML names, so they go through under a mark the tree builder removes.
const GUARDED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Marks a guarded element name; the tree builder strips it with {@link unguardedName}. */
export const GUARD_MARK = '\u0001'

/**
 * The raw name of an element from the engine's key: without {@link GUARD_MARK} when what follows
 * the mark is a guarded name; any other key (`\u0001a` included) as it is. A key that starts with
 * the mark may also come from a name that does (`<\u0001__proto__>`): the tree builder tells them
 * apart by the text.
 */
export function unguardedName(key: string): string {
  if (key.charCodeAt(0) !== 1 || !key.startsWith(GUARD_MARK)) return key
  const name = key.slice(GUARD_MARK.length)
  return GUARDED_NAMES.has(name) ? name : key
}

/** The message of the error {@link runEngine} throws when the engine reaches a DOCTYPE. */
export const DOCTYPE_MESSAGE = 'DOCTYPE forbidden'

// DTDs are refused before parsing; should one ever reach the engine, the engine hands every
// DOCTYPE it reads to this hook, which refuses it outright (declared entities are never used).
const referenceDecoder = {
  decode: decodeXmlReferences,
  reset(): void {},
  setXmlVersion(): void {},
  addInputEntities(): never {
    throw new Error(DOCTYPE_MESSAGE)
  },
  setExternalEntities(): void {},
}

// Whether an error was thrown while the engine was reading a DOCTYPE (it refuses some before
// handing them to the hook above: an external entity, a parameter entity, a malformed one).
function thrownReadingDoctype(error: unknown): boolean {
  return error instanceof Error && typeof error.stack === 'string' && /\breadDocType\b|DocTypeReader/.test(error.stack)
}

const OPTIONS: X2jOptions = {
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: false,
  processEntities: true,
  entityDecoder: referenceDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
  transformTagName: (name) => ((name.length === 9 || name.length === 11) && GUARDED_NAMES.has(name) ? GUARD_MARK + name : name),
  onDangerousProperty: (name) => name,
}

const parsers = new Map<number, XMLParser>()

/** The message the engine throws when elements nest deeper than allowed. */
export const TOO_DEEP_MESSAGE = 'Maximum nested tags exceeded'

/**
 * Runs the engine over `xml` (line ends already normalised to `\n`), refusing to open elements
 * nested deeper than `maxDepth`. Throws an `Error` with {@link DOCTYPE_MESSAGE} when the engine
 * reaches a DOCTYPE, whatever it declares, and the engine's own `Error` on syntax it cannot read.
 */
export function runEngine(xml: string, maxDepth: number): EngineNode[] {
  let parser = parsers.get(maxDepth)
  if (parser === undefined) {
    // The engine counts open ancestors: an element at depth d is refused when d - 1 > maxNestedTags.
    parser = new XMLParser({ ...OPTIONS, maxNestedTags: Math.max(0, maxDepth - 1) })
    if (parsers.size > 8) parsers.clear()
    parsers.set(maxDepth, parser)
  }
  try {
    return parser.parse(xml) as EngineNode[]
  } catch (error) {
    if (error instanceof Error && error.message !== DOCTYPE_MESSAGE && thrownReadingDoctype(error)) {
      throw new Error(DOCTYPE_MESSAGE, { cause: error })
    }
    throw error
  }
}

/** Where the engine's validator locates the first syntax error of `xml`, if it finds one. */
export function locateSyntaxError(xml: string): { line: number; column: number; reason: string } | undefined {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: true })
  if (result === true) return undefined
  // The validator leaves out the line or column of some errors (an empty document, for one).
  const line = Number.isInteger(result.err.line) && result.err.line >= 1 ? result.err.line : 1
  const column = Number.isInteger(result.err.col) && result.err.col >= 1 ? result.err.col : 1
  return { line, column, reason: String(result.err.msg) }
}
