import type { QName } from '@davkit/types'
import { copyString } from './string-copy.ts'
import { XML_NAMESPACE, XMLNS_NAMESPACE } from './xml-namespaces.ts'

/** Why a name or a declaration is not namespace-well-formed (Namespaces in XML 1.0). */
export class NamespaceError extends Error {}

/** A qualified name split at its colon: `['', local]` when it has no prefix, `null` when it is not a QName. */
export function splitQualifiedName(raw: string): readonly [string, string] | null {
  // The parser has checked that `raw` is an XML Name: only the colons remain to be checked.
  const colon = raw.indexOf(':')
  if (colon === -1) return ['', raw]
  if (colon === 0 || colon === raw.length - 1 || raw.indexOf(':', colon + 1) !== -1) return null
  return [raw.slice(0, colon), raw.slice(colon + 1)]
}

/** Whether an attribute name declares a namespace (`xmlns` or `xmlns:p`). */
export function isNamespaceDeclaration(name: string): boolean {
  return name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === 58) /* : */
}

/** A name or value as quoted in an error message: at most 60 characters. */
export function clip(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`
}

const ELEMENT_NAME_CACHE_SIZE = 1024
const PREFIXES_KEPT = 1024

// How a raw element name was last resolved: valid again while its prefix (whose stack of bindings
// is kept, saving a look-up) is bound to the same namespace.
interface Resolution {
  readonly bindings: readonly string[]
  readonly namespace: string
  readonly name: QName
}

/**
 * The namespace bindings in scope while a document is read: for each prefix (`''` for the default
 * namespace) a stack of the namespaces bound to it by the open elements, so that declaring,
 * looking up and undeclaring are each one step, however many declarations are in scope. Names
 * are interned (one `QName` per namespace and local name) and each raw element name is resolved
 * once for as long as its prefix keeps its namespace: Apache declares the same prefixes on every
 * `response`, which changes nothing.
 */
export class NamespaceBindings {
  // `''` (the default namespace) starts bound to `''`: no namespace.
  readonly #stacks = new Map<string, string[]>([
    ['xml', [XML_NAMESPACE]],
    ['', ['']],
  ])
  readonly #qnames = new Map<string, Map<string, QName>>()
  readonly #elementNames = new Map<string, Resolution>()

  /** The interned name for (namespace, local name). */
  qname(namespace: string, local: string): QName {
    let byLocal = this.#qnames.get(namespace)
    if (byLocal === undefined) {
      byLocal = new Map()
      this.#qnames.set(namespace, byLocal)
    }
    let name = byLocal.get(local)
    if (name === undefined) {
      // Copies: names outlive the document they were read from.
      name = { namespace: copyString(namespace), local: copyString(local) }
      byLocal.set(local, name)
    }
    return name
  }

  /**
   * Binds the prefix an `xmlns` or `xmlns:p` attribute declares, until {@link undeclare}; gives the prefix.
   * @throws {NamespaceError} when the declaration is not allowed.
   */
  declare(attribute: string, value: string): string {
    const prefix = declaredPrefix(attribute, value)
    const stack = this.#stacks.get(prefix)
    if (stack === undefined) this.#stacks.set(prefix, [value])
    else stack.push(value)
    return prefix
  }

  /** Ends the latest binding of `prefix`. */
  undeclare(prefix: string): void {
    const stack = this.#stacks.get(prefix)
    stack?.pop()
    // Past many prefixes, one no element binds any more is forgotten, so that a document of ever
    // new prefixes does not grow the map. Below that, its stack is kept: Apache declares the same
    // prefixes on every response, and resolutions cached with a stack stay valid while it lives.
    if (stack?.length === 0 && this.#stacks.size > PREFIXES_KEPT) this.#stacks.delete(prefix)
  }

  /** The namespace bound to `prefix` (`''`: the default namespace, `''` when none), or `undefined`. */
  lookup(prefix: string): string | undefined {
    const stack = this.#stacks.get(prefix)
    return stack === undefined ? undefined : stack[stack.length - 1]
  }

  /**
   * The name of an element written `raw` where it is.
   * @throws {NamespaceError} when the name is not a QName or its prefix is not declared.
   */
  elementName(raw: string): QName {
    const known = this.#elementNames.get(raw)
    if (known !== undefined && known.bindings[known.bindings.length - 1] === known.namespace) return known.name
    const split = splitQualifiedName(raw)
    if (split === null || split[0] === 'xmlns') throw new NamespaceError(`<${clip(raw)}> is not a valid element name`)
    const bindings = this.#stacks.get(split[0])
    const namespace = bindings?.[bindings.length - 1]
    if (bindings === undefined || namespace === undefined)
      throw new NamespaceError(`the prefix ${clip(split[0])} of <${clip(raw)}> is not declared`)
    const name = this.qname(namespace, split[1])
    // A cache of what repeats: a document of ever new names empties it rather than grows it.
    if (this.#elementNames.size >= ELEMENT_NAME_CACHE_SIZE) this.#elementNames.clear()
    this.#elementNames.set(raw, { bindings, namespace, name })
    return name
  }

  /**
   * The name of an attribute written `raw` on the element `element`: in no namespace when it has
   * no prefix, whatever the default namespace.
   * @throws {NamespaceError} when the name is not a QName or its prefix is not declared.
   */
  attributeName(raw: string, element: string): QName {
    const split = splitQualifiedName(raw)
    if (split === null) throw new NamespaceError(`${clip(raw)} is not a valid attribute name on <${clip(element)}>`)
    if (split[0] === '') return this.qname('', raw)
    const namespace = this.lookup(split[0])
    if (namespace === undefined) throw new NamespaceError(`the prefix ${clip(split[0])} of attribute ${clip(raw)} is not declared`)
    return this.qname(namespace, split[1])
  }
}

// The prefix a declaration binds (`''` for `xmlns`), once the declaration is known to be allowed.
// A default namespace of `''` (`xmlns=""`) means "none".
function declaredPrefix(name: string, value: string): string {
  if (name.length === 5) {
    if (value === XML_NAMESPACE || value === XMLNS_NAMESPACE) throw new NamespaceError(`${value} cannot be the default namespace`)
    return ''
  }
  const prefix = name.slice(6)
  const split = splitQualifiedName(prefix)
  if (split === null || split[0] !== '') throw new NamespaceError(`${clip(name)} does not declare a valid prefix`)
  if (prefix === 'xmlns') throw new NamespaceError('the prefix xmlns cannot be declared')
  if ((prefix === 'xml') !== (value === XML_NAMESPACE)) throw new NamespaceError(`the prefix xml cannot be bound to ${clip(value)}`)
  if (value === '') throw new NamespaceError(`the prefix ${clip(prefix)} cannot be undeclared`)
  if (value === XMLNS_NAMESPACE) throw new NamespaceError(`${value} cannot be bound to a prefix`)
  return prefix
}
