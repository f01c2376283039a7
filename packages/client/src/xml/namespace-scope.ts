import type { QName } from '@davkit/types'
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
  return name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === 58 /* : */)
}

/** One `QName` object per (namespace, local name) in a document, so names compare cheaply and cost little. */
export class NameTable {
  readonly #names = new Map<string, Map<string, QName>>()

  get(namespace: string, local: string): QName {
    let byLocal = this.#names.get(namespace)
    if (byLocal === undefined) {
      byLocal = new Map()
      this.#names.set(namespace, byLocal)
    }
    let name = byLocal.get(local)
    if (name === undefined) {
      name = { namespace, local }
      byLocal.set(local, name)
    }
    return name
  }
}

/**
 * The namespace bindings in scope at an element, with the element names resolved under them.
 * Bodies repeat the same declarations on many elements (Apache declares its prefixes on every
 * `response`), so each distinct declaration under a scope makes one scope, and each raw name is
 * resolved once per scope.
 */
export class NamespaceScope {
  readonly #parent: NamespaceScope | undefined
  readonly #prefix: string
  readonly #namespace: string
  readonly #names = new Map<string, QName>()
  // A scope per declaration made under this one: by attribute name (`xmlns`, `xmlns:p`), then value.
  readonly #declared = new Map<string, Map<string, NamespaceScope>>()

  private constructor(parent: NamespaceScope | undefined, prefix: string, namespace: string) {
    this.#parent = parent
    this.#prefix = prefix
    this.#namespace = namespace
  }

  /** The scope of a root element: only `xml:` is bound. */
  static root(): NamespaceScope {
    return new NamespaceScope(undefined, 'xml', XML_NAMESPACE)
  }

  /**
   * The scope with `name="value"` declared on top of this one, made and checked once.
   * @throws {NamespaceError} when the declaration is not allowed.
   */
  declare(name: string, value: string): NamespaceScope {
    let byValue = this.#declared.get(name)
    if (byValue === undefined) {
      byValue = new Map()
      this.#declared.set(name, byValue)
    }
    let scope = byValue.get(value)
    if (scope === undefined) {
      scope = new NamespaceScope(this, declaredPrefix(name, value), value)
      byValue.set(value, scope)
    }
    return scope
  }

  /** The namespace bound to `prefix` (`''`: the default namespace, `''` when none), or `undefined`. */
  lookup(prefix: string): string | undefined {
    // Scopes are chained one per declaration; real documents declare a handful of prefixes.
    for (let scope: NamespaceScope | undefined = this; scope !== undefined; scope = scope.#parent) {
      if (scope.#prefix === prefix) return scope.#namespace
    }
    return prefix === '' ? '' : undefined
  }

  /**
   * The name of an element written `raw` in this scope, resolved once per scope.
   * @throws {NamespaceError} when the name is not a QName or its prefix is not declared.
   */
  elementName(raw: string, names: NameTable): QName {
    let name = this.#names.get(raw)
    if (name === undefined) {
      const split = splitQualifiedName(raw)
      if (split === null || split[0] === 'xmlns') throw new NamespaceError(`<${clip(raw)}> is not a valid element name`)
      const namespace = this.lookup(split[0])
      if (namespace === undefined) throw new NamespaceError(`the prefix ${clip(split[0])} of <${clip(raw)}> is not declared`)
      name = names.get(namespace, split[1])
      this.#names.set(raw, name)
    }
    return name
  }

  /**
   * The name of an attribute written `raw` on an element in this scope: in no namespace when it
   * has no prefix, whatever the default namespace.
   * @throws {NamespaceError} when the name is not a QName or its prefix is not declared.
   */
  attributeName(raw: string, element: string, names: NameTable): QName {
    const split = splitQualifiedName(raw)
    if (split === null) throw new NamespaceError(`${clip(raw)} is not a valid attribute name on <${clip(element)}>`)
    if (split[0] === '') return names.get('', raw)
    const namespace = this.lookup(split[0])
    if (namespace === undefined || split[0] === '') {
      throw new NamespaceError(`the prefix ${clip(split[0])} of attribute ${clip(raw)} is not declared`)
    }
    return names.get(namespace, split[1])
  }
}

// A default of `''` means "no default namespace": a lookup stops there rather than going on.
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

/** A name or value as quoted in an error message: at most 60 characters. */
export function clip(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`
}
